import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, type Page } from '../../api/client';
import { terminalKeys } from './api';
import {
  CAMPAIGN_LIST_LIMIT,
  type Campaign,
  type CampaignDetail,
  type CampaignEvent,
  type CampaignInput,
  type CampaignPreview,
  type CampaignTarget,
  type Release,
  type ReleaseEvent,
  type ReleaseInput,
  type TargetStage,
  type TargetStatus,
} from './upgrade-model';

/** 远程升级: releases, campaigns and a campaign's terminals. */
export const upgradeKeys = {
  all: [...terminalKeys.all, 'upgrades'] as const,
  releases: [...terminalKeys.all, 'upgrades', 'releases'] as const,
  campaigns: [...terminalKeys.all, 'upgrades', 'campaigns'] as const,
  campaignList: [...terminalKeys.all, 'upgrades', 'campaigns', 'list'] as const,
  campaign: (id: string) => [...terminalKeys.all, 'upgrades', 'campaigns', 'detail', id] as const,
  targets: (id: string, query: object) =>
    [...terminalKeys.all, 'upgrades', 'campaigns', 'targets', id, query] as const,
  preview: (query: object) => [...terminalKeys.all, 'upgrades', 'preview', query] as const,
};

export function useReleases() {
  return useQuery({
    queryKey: upgradeKeys.releases,
    queryFn: async ({ signal }) =>
      (await http.get<{ items: Release[] }>('/api/terminal-releases', undefined, signal)).items,
  });
}

/** 新增/编辑版本: 400 with `fields` (version, packageSha256 …) as the form shows them. */
export function useSaveRelease() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: ReleaseInput }) =>
      id
        ? http.put<Release>(`/api/terminal-releases/${id}`, body)
        : http.post<Release>('/api/terminal-releases', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: upgradeKeys.releases }),
  });
}

/** 发布 / 撤回 (withdrawing pauses the campaigns rolling it out: they are refreshed too). */
export function useReleaseEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, event, reason }: { id: string; event: ReleaseEvent; reason?: string }) =>
      http.post<Release>(`/api/terminal-releases/${id}/events`, { event, ...(reason ? { reason } : {}) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: upgradeKeys.all }),
  });
}

export function useCampaigns() {
  return useQuery({
    queryKey: upgradeKeys.campaignList,
    queryFn: async ({ signal }) =>
      (
        await http.get<{ items: Campaign[] }>(
          '/api/terminal-campaigns',
          { limit: CAMPAIGN_LIST_LIMIT },
          signal,
        )
      ).items,
    // Progress moves while terminals upgrade: refreshed every half minute on screen.
    refetchInterval: 30_000,
  });
}

export function useCampaign(id: string | null) {
  return useQuery({
    queryKey: upgradeKeys.campaign(id ?? ''),
    queryFn: ({ signal }) => http.get<CampaignDetail>(`/api/terminal-campaigns/${id}`, undefined, signal),
    enabled: Boolean(id),
    retry: false,
    refetchInterval: 30_000,
  });
}

export function useCampaignTargets(
  id: string,
  query: { stage?: TargetStage | undefined; status?: TargetStatus | undefined; cursor?: string | undefined },
) {
  return useQuery({
    queryKey: upgradeKeys.targets(id, query),
    queryFn: ({ signal }) =>
      http.get<Page<CampaignTarget>>(
        `/api/terminal-campaigns/${id}/targets`,
        { ...query, limit: 50 },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** 目标预览 while the form is filled in: off until a release and an org are chosen. */
export function useCampaignPreview(query: {
  releaseId: string | undefined;
  orgId: string | undefined;
  fromVersions: string[];
  canaryPercent: number | undefined;
}) {
  const ready = Boolean(query.releaseId && query.orgId);
  const params = {
    releaseId: query.releaseId,
    orgId: query.orgId,
    fromVersions: query.fromVersions.join(','),
    canaryPercent: query.canaryPercent ?? undefined,
  };
  return useQuery({
    queryKey: upgradeKeys.preview(params),
    queryFn: ({ signal }) => http.get<CampaignPreview>('/api/terminal-campaigns/preview', params, signal),
    enabled: ready,
    retry: false,
    placeholderData: keepPreviousData,
  });
}

/** Keeps the answer as the campaign's detail and refreshes the list and its terminals. */
function useCampaignMutation<V>(fn: (vars: V) => Promise<CampaignDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (campaign) => {
      queryClient.setQueryData(upgradeKeys.campaign(campaign.id), campaign);
      void queryClient.invalidateQueries({ queryKey: upgradeKeys.campaignList });
      void queryClient.invalidateQueries({ queryKey: [...upgradeKeys.campaigns, 'targets', campaign.id] });
    },
    // Refused because it moved meanwhile (the job paused or advanced it): show it as it stands.
    onError: () => queryClient.invalidateQueries({ queryKey: upgradeKeys.campaigns }),
  });
}

/** 新建升级任务 (201, a draft): 400 with `fields` (releaseId, orgId, fromVersions, canaryPercent). */
export function useCreateCampaign() {
  return useCampaignMutation((body: CampaignInput) =>
    http.post<CampaignDetail>('/api/terminal-campaigns', body),
  );
}

/** 开始 / 暂停 / 恢复 / 灰度通过 / 完成 / 取消 (409 with the state machine's reason when refused). */
export function useCampaignEvent() {
  return useCampaignMutation(({ id, event, reason }: { id: string; event: CampaignEvent; reason?: string }) =>
    http.post<CampaignDetail>(`/api/terminal-campaigns/${id}/events`, {
      event,
      ...(reason ? { reason } : {}),
    }),
  );
}
