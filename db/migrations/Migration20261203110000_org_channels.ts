import { Migration } from '@mikro-orm/migrations';
import { enableTenantRls } from './tenant-rls.js';

/**
 * Each organisation's own channel account (issue 15 item 6): for WHATSAPP the Cloud API phone number
 * id (`account_id`) and its secrets (app secret, access token, verify token), sealed with AES-256-GCM
 * by the application (`secrets`: name → ciphertext; never plaintext here). An account belongs to one
 * organisation at most, so a delivery names exactly one.
 */
export class Migration20261203110000_org_channels extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "org_channel_config" (
      "id" uuid not null, "org_id" uuid not null, "channel" varchar(16) not null,
      "account_id" varchar(64) not null, "secrets" jsonb not null default '{}',
      "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null,
      "updated_by" uuid null,
      constraint "org_channel_config_pkey" primary key ("id"),
      constraint "org_channel_config_channel_check" check ("channel" in ('WHATSAPP')));`);
    this.addSql(
      `create unique index "org_channel_config_org_channel_unique" on "org_channel_config" ("org_id", "channel");`,
    );
    this.addSql(
      `create unique index "org_channel_config_account_unique" on "org_channel_config" ("channel", "account_id");`,
    );
    enableTenantRls(this, 'org_channel_config');
  }
}
