/**
 * The static registry of migrations: bundlers cannot follow a folder scan, and a registry makes the
 * order explicit. Migrations are frozen once merged; add a new file and a line here.
 */
import type { Migration, MigrationProvider } from "kysely/migration";
import * as m0001 from "./0001_init";
import * as m0002 from "./0002_accounts";
import * as m0003 from "./0003_counters_codes_flags";
import * as m0004 from "./0004_oit_checklist";
import * as m0005 from "./0005_measures";
import * as m0006 from "./0006_round_lifecycle";
import * as m0007 from "./0007_agencies_operators";
import * as m0008 from "./0008_permanent_links";
import * as m0009 from "./0009_agency_settings";
import * as m0010 from "./0010_iit_pool";
import * as m0011 from "./0011_retention";
import * as m0012 from "./0012_answer_pool";
import * as m0013 from "./0013_framework_confirmation";
import * as m0014 from "./0014_sign_in_throttle";
import * as m0015 from "./0015_kiosk_devices";
import * as m0016 from "./0016_account_self_service";
import * as m0017 from "./0017_usernames_per_agency";
import * as m0018 from "./0018_second_factor";
import * as m0019 from "./0019_operator_one_time_password";
import * as m0020 from "./0020_suggestions";
import * as m0021 from "./0021_complaints";
import * as m0022 from "./0022_publication";
import * as m0023 from "./0023_outbox";
import * as m0024 from "./0024_notification_settings";
import * as m0025 from "./0025_webhooks";

export const migrations: Record<string, Migration> = {
  "0001_init": m0001,
  "0002_accounts": m0002,
  "0003_counters_codes_flags": m0003,
  "0004_oit_checklist": m0004,
  "0005_measures": m0005,
  "0006_round_lifecycle": m0006,
  "0007_agencies_operators": m0007,
  "0008_permanent_links": m0008,
  "0009_agency_settings": m0009,
  "0010_iit_pool": m0010,
  "0011_retention": m0011,
  "0012_answer_pool": m0012,
  "0013_framework_confirmation": m0013,
  "0014_sign_in_throttle": m0014,
  "0015_kiosk_devices": m0015,
  "0016_account_self_service": m0016,
  "0017_usernames_per_agency": m0017,
  "0018_second_factor": m0018,
  "0019_operator_one_time_password": m0019,
  "0020_suggestions": m0020,
  "0021_complaints": m0021,
  "0022_publication": m0022,
  "0023_outbox": m0023,
  "0024_notification_settings": m0024,
  "0025_webhooks": m0025,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
