import { DIVISIONS, MCC_CATEGORIES, MCC_LIST } from '@posops/contracts';
import { z } from 'zod';
import type { ZodApp } from '../../platform/http/app';

const division: z.ZodType<{ code: string; name: string; children: unknown[] }> = z.object({
  code: z.string(),
  name: z.string(),
  children: z.array(z.lazy(() => division)),
});

/** Reference data for forms: the MCC list with its China pricing classes, the administrative divisions. */
export function referenceRoutes() {
  return async (app: ZodApp) => {
    app.get(
      '/api/reference/mcc',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['reference'],
          summary: 'Merchant category codes with their China pricing class and risk class',
          response: {
            200: z.object({
              categories: z.array(
                z.object({ category: z.string(), en: z.string(), description: z.string() }),
              ),
              codes: z.array(
                z.object({
                  code: z.string(),
                  zh: z.string(),
                  en: z.string(),
                  category: z.string(),
                  riskClass: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (_request, reply) => {
        reply.header('cache-control', 'private, max-age=3600');
        return { categories: [...MCC_CATEGORIES], codes: [...MCC_LIST] };
      },
    );
    app.get(
      '/api/reference/divisions',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['reference'],
          summary: 'Provinces, cities and districts with their 6-digit codes (GB/T 2260)',
          response: { 200: z.array(division) },
        },
      },
      async (_request, reply) => {
        reply.header('cache-control', 'private, max-age=86400');
        return DIVISIONS as unknown as { code: string; name: string; children: unknown[] }[];
      },
    );
  };
}
