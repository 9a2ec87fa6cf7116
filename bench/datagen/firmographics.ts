/** The firmographic and technographic vocabulary of generated accounts, with how common each value is. */

export const INDUSTRIES = [
  'Software',
  'Financial Services',
  'Healthcare',
  'Manufacturing',
  'Retail',
  'Education',
  'Media',
  'Logistics',
  'Energy',
  'Government',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const INDUSTRY_WEIGHTS: readonly (readonly [Industry, number])[] = [
  ['Software', 16],
  ['Financial Services', 11],
  ['Healthcare', 10],
  ['Manufacturing', 12],
  ['Retail', 10],
  ['Education', 8],
  ['Media', 7],
  ['Logistics', 8],
  ['Energy', 6],
  ['Government', 7],
];

/** Typical annual revenue per employee (USD), so revenue follows head count the way it does in real firmographic data. */
export const REVENUE_PER_EMPLOYEE: Record<Industry, number> = {
  Software: 260_000,
  'Financial Services': 420_000,
  Healthcare: 160_000,
  Manufacturing: 310_000,
  Retail: 190_000,
  Education: 90_000,
  Media: 230_000,
  Logistics: 210_000,
  Energy: 650_000,
  Government: 120_000,
};

export const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'CA', 'AU', 'NL', 'IN', 'BR', 'JP'] as const;
export type Country = (typeof COUNTRIES)[number];

export const COUNTRY_WEIGHTS: readonly (readonly [Country, number])[] = [
  ['US', 40],
  ['GB', 12],
  ['DE', 10],
  ['FR', 7],
  ['CA', 7],
  ['AU', 5],
  ['NL', 5],
  ['IN', 6],
  ['BR', 4],
  ['JP', 4],
];

export const COUNTRY_TLDS: Record<Country, string> = {
  US: 'com',
  GB: 'co.uk',
  DE: 'de',
  FR: 'fr',
  CA: 'ca',
  AU: 'com.au',
  NL: 'nl',
  IN: 'in',
  BR: 'com.br',
  JP: 'co.jp',
};

/** Technology and the chance an account uses it. */
export const TECHNOLOGY_ADOPTION: readonly (readonly [string, number])[] = [
  ['Salesforce', 0.35],
  ['HubSpot', 0.25],
  ['Snowflake', 0.18],
  ['AWS', 0.45],
  ['Azure', 0.25],
  ['GCP', 0.15],
  ['Segment', 0.12],
  ['Marketo', 0.12],
  ['Zendesk', 0.2],
  ['Slack', 0.4],
  ['Jira', 0.3],
  ['Shopify', 0.08],
];
export const TECHNOLOGIES: readonly string[] = TECHNOLOGY_ADOPTION.map(([name]) => name);

/** Industries where a technology is far more common (Shopify in retail, Snowflake among software firms). */
export const TECHNOLOGY_INDUSTRY_BOOST: Partial<Record<string, readonly Industry[]>> = {
  Shopify: ['Retail', 'Media'],
  Snowflake: ['Software', 'Financial Services'],
  Segment: ['Software', 'Media', 'Retail'],
  Marketo: ['Software', 'Financial Services', 'Healthcare'],
};

export const FUNDING_STAGES = ['Bootstrapped', 'Seed', 'Series A', 'Series B', 'Series C+', 'Public'] as const;

/** Sales reps who own accounts (Salesforce user ids). */
export const OWNER_IDS: readonly string[] = Array.from({ length: 8 }, (_, i) => `005U0001000000${i + 1}`);

export const NAME_PREFIXES = [
  'North', 'South', 'East', 'West', 'Blue', 'Red', 'Green', 'Silver', 'Golden', 'Bright', 'Clear', 'Swift',
  'Iron', 'Stone', 'River', 'Lake', 'Summit', 'Peak', 'Harbor', 'Pine', 'Oak', 'Cedar', 'Maple', 'Aspen',
  'Nova', 'Astra', 'Terra', 'Aqua', 'Vertex', 'Apex', 'Prime', 'Core', 'Blackwood', 'Redwood', 'Fox', 'Hawk',
  'Falcon', 'Eagle', 'Lion', 'Bear', 'Wolf', 'Quantum', 'Atlas', 'Orion', 'Polaris', 'Zenith', 'Crescent', 'Beacon',
] as const;

export const NAME_CORES = [
  'wind', 'field', 'bridge', 'gate', 'point', 'star', 'light', 'wave', 'path', 'forge', 'works', 'line',
  'stream', 'ridge', 'crest', 'vale', 'port', 'haven', 'mark', 'stack', 'scale', 'grid', 'loop', 'shift',
] as const;

export const NAME_SUFFIXES: Record<Industry, readonly string[]> = {
  Software: ['Software', 'Labs', 'Systems', 'Technologies', 'AI', 'Cloud'],
  'Financial Services': ['Capital', 'Financial', 'Bank', 'Insurance', 'Partners', 'Payments'],
  Healthcare: ['Health', 'Medical', 'Clinics', 'Care', 'Biotech', 'Pharma'],
  Manufacturing: ['Industries', 'Manufacturing', 'Components', 'Machines', 'Materials', 'Robotics'],
  Retail: ['Retail', 'Stores', 'Goods', 'Outfitters', 'Market', 'Brands'],
  Education: ['University', 'Academy', 'Learning', 'College', 'Schools', 'Institute'],
  Media: ['Media', 'Studios', 'Publishing', 'Broadcasting', 'Entertainment', 'Press'],
  Logistics: ['Logistics', 'Freight', 'Shipping', 'Transport', 'Supply', 'Carriers'],
  Energy: ['Energy', 'Power', 'Renewables', 'Utilities', 'Solar', 'Resources'],
  Government: ['County', 'City Council', 'Agency', 'Department', 'Authority', 'Municipality'],
};
