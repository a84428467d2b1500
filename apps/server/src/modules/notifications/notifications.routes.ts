import { idSchema, notification, pageQuery } from '@posops/contracts';
import { z } from 'zod';
import { contextOf, type ZodApp } from '../../platform/http/app';
import type { ModuleDeps } from '../../platform/module';
import { markRead, myNotifications } from './notifications.service';

export function notificationRoutes(deps: ModuleDeps) {
  return async (app: ZodApp) => {
    app.get(
      '/api/notifications',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: 'My notifications, newest first',
          querystring: pageQuery,
          response: {
            200: z.object({
              items: z.array(notification),
              nextCursor: z.string().nullable(),
              unread: z.number().int(),
            }),
          },
        },
      },
      async (request) => myNotifications(contextOf(request, deps), request.query.cursor, request.query.limit),
    );
    app.post(
      '/api/notifications/:id/read',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: 'Mark one notification read',
          params: z.object({ id: idSchema }),
        },
      },
      async (request, reply) => {
        await markRead(contextOf(request, deps), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
