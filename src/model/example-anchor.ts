/**
 * The instant the bundled example CRM (examples/crm) was generated as "now". The generator writes data relative
 * to it and the demo moves every date forward by the days since then, so both must use this one constant.
 */
export const EXAMPLE_ANCHOR_ISO = '2026-11-20T12:00:00Z';
