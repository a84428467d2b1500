/**
 * Notifications (通知): in-app messages to users. Other modules call notifyUsers inside their
 * transaction; users read them in the console's bell. Owns notifications and outbox_events.
 */

export { notificationRoutes } from './notifications.routes';
export { type Localised, type NotificationDraft, notifyUsers } from './notifications.service';
