import { idSchema } from '@posops/contracts';
import { z } from 'zod';
import { contextOf, type ZodApp } from '../../platform/http/app';
import type { ModuleDeps } from '../../platform/module';
import {
  createCampaign,
  getCampaign,
  listCampaigns,
  listCampaignTargets,
  moveCampaign,
  previewCampaign,
} from './campaigns.service';
import { checkInternalToken } from './heartbeats.service';
import { createRelease, getRelease, listReleases, moveRelease, updateRelease } from './releases.service';
import { upgradeOffer } from './upgrade-offer.service';

/** 远程升级: releases (固件/应用版本), campaigns (升级任务) and the terminal host's question. */

const params = z.object({ id: idSchema });
const tags = ['remote upgrades'];

const releaseKind = z.enum(['firmware', 'app']);
const versionString = z
  .string()
  .trim()
  .regex(
    /^[0-9A-Za-z][0-9A-Za-z._+-]{0,39}$/,
    '1–40 letters, digits and . _ + -, starting with a letter or digit',
  );

const releaseInput = z.strictObject({
  modelId: idSchema,
  kind: releaseKind,
  version: versionString,
  notes: z.string().trim().max(2000).default(''),
  packageSha256: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{64}$/, '64 hexadecimal characters (the SHA-256 of the package)'),
  packageBytes: z
    .number()
    .int()
    .min(1)
    .max(4 * 1024 ** 3),
  packageUrl: z
    .url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })
    .max(500)
    .nullable()
    .optional(),
});

const campaignTargeting = {
  releaseId: idSchema,
  orgId: idSchema,
  fromVersions: z.array(versionString).max(50).default([]),
  canaryPercent: z.number().int().min(1).max(50),
};

const campaignStates = [
  'draft',
  'canary',
  'canary_paused',
  'rolling',
  'rolling_paused',
  'completed',
  'cancelled',
] as const;

const upgradeAnswer = z.object({
  offer: z
    .object({
      campaignId: z.string(),
      campaignNo: z.string(),
      releaseId: z.string(),
      kind: releaseKind,
      version: z.string(),
      packageSha256: z.string(),
      packageBytes: z.number().int(),
      packageUrl: z.string().nullable(),
    })
    .nullable(),
  reason: z.enum(['offered', 'none', 'stage_closed', 'no_window', 'outside_window']),
  windowOpensAt: z.string().nullable(),
  windowClosesAt: z.string().nullable(),
});

export function campaignRoutes(deps: ModuleDeps) {
  return async (app: ZodApp) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);

    app.get(
      '/api/terminal-releases',
      {
        config: { access: 'terminal.read' },
        schema: {
          tags,
          summary: '固件/应用版本, newest first',
          querystring: z.object({
            modelId: idSchema.optional(),
            kind: releaseKind.optional(),
            status: z.enum(['draft', 'published', 'withdrawn']).optional(),
          }),
        },
      },
      async (request) => listReleases(ctx(request), request.query),
    );
    app.get(
      '/api/terminal-releases/:id',
      { config: { access: 'terminal.read' }, schema: { tags, summary: 'A release', params } },
      async (request) => getRelease(ctx(request), request.params.id),
    );
    app.post(
      '/api/terminal-releases',
      {
        config: { access: 'catalogue.manage' },
        schema: { tags, summary: 'Add a release of a model (a draft)', body: releaseInput },
      },
      async (request, reply) => reply.status(201).send(await createRelease(ctx(request), request.body)),
    );
    app.put(
      '/api/terminal-releases/:id',
      {
        config: { access: 'catalogue.manage' },
        schema: { tags, summary: 'Edit a draft release', params, body: releaseInput },
      },
      async (request) => updateRelease(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/api/terminal-releases/:id/events',
      {
        config: { access: 'catalogue.manage' },
        schema: {
          tags,
          summary: '发布 (publish) or 撤回 (withdraw, with the reason: its running campaigns pause)',
          params,
          body: z.strictObject({
            event: z.enum(['publish', 'withdraw']),
            reason: z.string().trim().min(2).max(500).optional(),
          }),
        },
      },
      async (request) =>
        moveRelease(ctx(request), request.params.id, request.body.event, request.body.reason),
    );

    app.get(
      '/api/terminal-campaigns',
      {
        config: { access: 'terminal.read' },
        schema: {
          tags,
          summary: '升级任务 of my subtree, newest first, with their progress',
          querystring: z.object({
            state: z.enum(campaignStates).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
      },
      async (request) => listCampaigns(ctx(request), request.query),
    );
    app.get(
      '/api/terminal-campaigns/preview',
      {
        config: { access: 'terminal.read' },
        schema: {
          tags,
          summary: 'What a campaign would target now: units, canary, units without a window, versions in use',
          querystring: z.object({
            ...campaignTargeting,
            // A list in a query string: comma-separated.
            fromVersions: z
              .string()
              .max(2000)
              .optional()
              .transform((v) =>
                v
                  ? v
                      .split(',')
                      .map((s) => s.trim())
                      .filter(Boolean)
                  : [],
              )
              .pipe(z.array(versionString).max(50)),
            canaryPercent: z.coerce.number().int().min(1).max(50).default(5),
          }),
        },
      },
      async (request) => previewCampaign(ctx(request), request.query),
    );
    app.get(
      '/api/terminal-campaigns/:id',
      {
        config: { access: 'terminal.read' },
        schema: { tags, summary: 'A campaign with its progress per stage and its health', params },
      },
      async (request) => getCampaign(ctx(request), request.params.id),
    );
    app.get(
      '/api/terminal-campaigns/:id/targets',
      {
        config: { access: 'terminal.read' },
        schema: {
          tags,
          summary: "The campaign's terminals by serial number (keyset pages)",
          params,
          querystring: z.object({
            stage: z.enum(['canary', 'rollout']).optional(),
            status: z.enum(['pending', 'scheduled', 'upgraded', 'failed', 'skipped']).optional(),
            cursor: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
      },
      async (request) => listCampaignTargets(ctx(request), request.params.id, request.query),
    );
    app.post(
      '/api/terminal-campaigns',
      {
        config: { access: 'terminal.upgrade' },
        schema: {
          tags,
          summary: '新建升级任务 (a draft): a published release, an org subtree, current versions, canary %',
          body: z.strictObject({ name: z.string().trim().min(2).max(100).optional(), ...campaignTargeting }),
        },
      },
      async (request, reply) => reply.status(201).send(await createCampaign(ctx(request), request.body)),
    );
    app.post(
      '/api/terminal-campaigns/:id/events',
      {
        config: { access: 'terminal.upgrade' },
        schema: {
          tags,
          summary:
            'Start, pause, resume, advance (灰度通过), complete or cancel; pause and cancel need a reason',
          params,
          body: z.strictObject({
            event: z.enum(['start', 'pause', 'resume', 'advance', 'complete', 'cancel']),
            reason: z.string().trim().min(2).max(500).optional(),
          }),
        },
      },
      async (request) =>
        moveCampaign(ctx(request), request.params.id, request.body.event, request.body.reason),
    );

    app.get(
      '/api/internal/terminals/:tid/upgrade',
      {
        // The terminal host asks for one terminal (Authorization: Bearer INTERNAL_API_TOKEN).
        config: { access: 'public' },
        schema: {
          tags: ['internal'],
          summary:
            'Which release this terminal should fetch now: only in its maintenance window, only while its campaign stage is open',
          params: z.object({ tid: z.string().regex(/^\d{8}$/, '8 digits') }),
          response: { 200: upgradeAnswer },
        },
      },
      async (request) => {
        checkInternalToken(deps.config.INTERNAL_API_TOKEN, request.headers.authorization);
        return upgradeOffer(deps, request.params.tid);
      },
    );
  };
}
