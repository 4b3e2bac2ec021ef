/** plan_settings as stored: one row per plan, the wording its documents print. */
export interface PlanSettingsTable {
  plan_id: string;
  issuer: string;
  issuer_short: string;
  /** 市, 县 or 区. */
  level: string;
  programme: string;
  recipients: string;
  cc: string | null;
  printer: string;
  /** null when the wording came from the plan's pack. */
  updated_by: string | null;
  updated_by_name: string | null;
  created_at: string;
  updated_at: string;
}

/** indicator_catalogue_links: a plan indicator's standard catalogue code (catalogue/indicator-catalogue.ts). */
export interface IndicatorCatalogueLinksTable {
  indicator_id: string;
  plan_id: string;
  catalogue_code: string;
  /** null when the code came from the plan's pack. */
  confirmed_by: string | null;
  confirmed_by_name: string | null;
  created_at: string;
  updated_at: string;
}

export interface PlanSettingsTables {
  plan_settings: PlanSettingsTable;
  indicator_catalogue_links: IndicatorCatalogueLinksTable;
}
