/** Stored shapes of the notification tables (migration 20261129-0005). */
interface Timestamps {
  created_at: string;
  updated_at: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}
export interface ReminderLogTable {
  round_id: string;
  unit_id: string;
  day: string;
  kind: string;
  created_at: string;
}
export interface ChannelSettingsTable extends Timestamps {
  channel: string;
  enabled: number;
  /** JSON of the non-secret settings. */
  config: string;
  /** SMTP password, or JSON { url, secret } of the robot or { url, token } of the SMS gateway: never returned by the API. */
  secret: string | null;
  updated_by: string | null;
}
export interface UnitContactsTable extends Timestamps {
  unit_id: string;
  email: string | null;
  /** Mobile number for the SMS channel (migration 20261204-1601). */
  phone: string | null;
}
export interface DeliveriesTable extends Timestamps {
  id: string;
  channel: string;
  target: string;
  subject: string;
  body: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  sent_at: string | null;
  /** The county the message was sent for (migration 20261204-1211); null: before regions, or none. */
  region_id: string | null;
}

export interface NotificationTables {
  notifications: NotificationsTable;
  reminder_log: ReminderLogTable;
  channel_settings: ChannelSettingsTable;
  unit_contacts: UnitContactsTable;
  deliveries: DeliveriesTable;
}
