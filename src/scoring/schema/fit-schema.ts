/** Schema for `fit` (rules-mode ICP criteria and learned-mode settings) and `acv` (expected deal size). */
import { z } from 'zod';

const BandSchema = z.strictObject({
  /** Inclusive lower bound; omit for "below max". */
  min: z.number().optional(),
  /** Exclusive upper bound; omit for "min and above". */
  max: z.number().optional(),
  points: z.number(),
  label: z.string().optional(),
});

export const CriterionSchema = z
  .strictObject({
    /** industry | employees | annualRevenue | country | technologies | domain | features.<name> */
    field: z.string().min(1),
    /** How a contributor reads, `{value}` is replaced by the account's value (default per field, e.g. "{value} employees"). */
    label: z.string().optional(),
    /** Value → points, matched case-insensitively. Multi-value fields add the points of every matching value. */
    values: z.record(z.string(), z.number()).optional(),
    /** Numeric bands; the first band that contains the value gives its points. */
    bands: z.array(BandSchema).optional(),
    /** Points when the field has a value that matches nothing. */
    otherwise: z.number().default(0),
    /** Points when the field is empty. */
    missing: z.number().default(0),
    /** Cap on the points a multi-value field can add (e.g. many technologies). */
    maxPoints: z.number().optional(),
  })
  .refine((c) => c.values !== undefined || c.bands !== undefined, {
    message: 'a criterion needs `values` (value → points) or `bands` (numeric ranges). Fix: add one of them.',
  });
export type Criterion = z.infer<typeof CriterionSchema>;

const COUNTRIES_OF_INTEREST = ['US', 'USA', 'United States', 'CA', 'Canada', 'GB', 'UK', 'United Kingdom', 'DE', 'Germany', 'FR', 'France', 'NL', 'Netherlands', 'AU', 'Australia'];

export const DEFAULT_CRITERIA: Criterion[] = [
  {
    field: 'industry',
    label: 'Industry {value}',
    values: { Software: 25, Internet: 20, 'Financial Services': 15, Healthcare: 10, Retail: 5 },
    otherwise: -5,
    missing: 0,
  },
  {
    field: 'employees',
    label: '{value} employees',
    bands: [
      { max: 20, points: -15 },
      { min: 20, max: 200, points: 5 },
      { min: 200, max: 5000, points: 25 },
      { min: 5000, points: 15 },
    ],
    otherwise: 0,
    missing: 0,
  },
  {
    field: 'annualRevenue',
    label: 'revenue {value}',
    bands: [
      { max: 1_000_000, points: -10 },
      { min: 10_000_000, max: 1_000_000_000, points: 10 },
      { min: 1_000_000_000, points: 5 },
    ],
    otherwise: 0,
    missing: 0,
  },
  {
    field: 'country',
    label: 'Country {value}',
    values: Object.fromEntries(COUNTRIES_OF_INTEREST.map((c) => [c, 10])),
    otherwise: 0,
    missing: 0,
  },
  {
    field: 'technologies',
    label: 'Uses {value}',
    values: { Snowflake: 8, dbt: 8, BigQuery: 6, Databricks: 6, Redshift: 5, Salesforce: 3 },
    otherwise: 0,
    missing: 0,
    maxPoints: 20,
  },
];

export const FitSchema = z
  .strictObject({
    /** auto: learned when history has enough won accounts, else rules. */
    mode: z.enum(['auto', 'rules', 'learned']).default('auto'),
    buckets: z
      .strictObject({ strong: z.number().min(0).max(100).default(81), moderate: z.number().min(0).max(100).default(50) })
      .prefault({})
      .refine((b) => b.strong > b.moderate, { message: 'buckets.strong must be above buckets.moderate' }),
    rules: z
      .strictObject({
        /** Points every account starts from before the criteria add or take away. */
        base: z.number().default(30),
        criteria: z.array(CriterionSchema).default(DEFAULT_CRITERIA),
      })
      .prefault({}),
    learned: z
      .strictObject({
        minWonAccounts: z.number().int().min(1).default(20),
        /** Never-won accounts (no win, or only lost deals) needed too: with none, every weight only rewards common values. */
        minNotWonAccounts: z.number().int().min(1).default(20),
        /**
         * How strongly the ICP rules hold against history, in accounts: a profile value shared by n accounts moves
         * n / (n + priorStrength) of the way from its rules points to what history shows.
         */
        priorStrength: z.number().min(0).default(30),
        /** Laplace smoothing added to every count, so a value seen on 2 accounts cannot dominate. */
        smoothing: z.number().positive().default(1),
        /** Values seen on fewer accounts than this get no weight (treated as unseen). */
        minSupport: z.number().int().min(1).default(5),
        /** Score of an account whose profile has the average win odds. */
        baseScore: z.number().default(50),
        /** Points added each time the profile doubles the win odds (log-odds → points, linear so points add up). */
        pointsPerDoubling: z.number().positive().default(8),
        employeeBands: z.array(z.number()).default([20, 50, 200, 1000, 5000]),
        revenueBands: z.array(z.number()).default([1e6, 1e7, 5e7, 2.5e8, 1e9]),
        /** Which account fields the model learns from; `features` = every extra feature from the mapping. */
        fields: z
          .array(z.enum(['industry', 'employees', 'annualRevenue', 'country', 'technologies', 'features']))
          .default(['industry', 'employees', 'annualRevenue', 'country', 'technologies', 'features']),
      })
      .prefault({}),
    /** How `mode: auto` decides between learned and rules: a time-split validation with a bootstrap interval. */
    selection: z
      .strictObject({
        /** Train as of this many days ago; validate on the wins since. */
        validationDays: z.number().int().min(1).default(365),
        /** Accounts that won in the validation window needed to judge (fewer: rules stay). */
        minValidationWon: z.number().int().min(1).default(10),
        /** Learned must beat rules by more than this much AUC at the low end of the interval (0: the interval must be above zero). */
        margin: z.number().min(0).max(0.5).default(0),
        /** Two-sided coverage of the bootstrap interval. */
        confidence: z.number().gt(0.5).lt(1).default(0.9),
        bootstrapSamples: z.number().int().min(20).max(10_000).default(200),
        /** Seed of the bootstrap: the same data always gives the same choice. */
        seed: z.number().int().default(1),
      })
      .prefault({}),
  })
  .prefault({});

export const AcvSchema = z
  .strictObject({
    /** Used when there is no open opportunity and no won deal to learn from. */
    default: z.number().min(0).default(25_000),
    /** Similar accounts (same industry and size band) need this many won deals before their median is used. */
    minSimilarWon: z.number().int().min(1).default(3),
  })
  .prefault({});
