/** Job titles and names of generated contacts. */

export const SENIORITIES = ['C-Level', 'VP', 'Director', 'Manager', 'Individual Contributor'] as const;
export type Seniority = (typeof SENIORITIES)[number];

export interface TitleProfile {
  title: string;
  department: string;
  seniority: Seniority;
  /** How common the title is among CRM contacts. */
  weight: number;
  /** How much this person engages with a vendor (activities relative to the average contact). */
  engagement: number;
}

export const TITLES: readonly TitleProfile[] = [
  { title: 'CEO', department: 'Executive', seniority: 'C-Level', weight: 3, engagement: 0.4 },
  { title: 'CTO', department: 'Engineering', seniority: 'C-Level', weight: 4, engagement: 0.8 },
  { title: 'CFO', department: 'Finance', seniority: 'C-Level', weight: 3, engagement: 0.5 },
  { title: 'CMO', department: 'Marketing', seniority: 'C-Level', weight: 2, engagement: 0.6 },
  { title: 'Chief Data Officer', department: 'Data', seniority: 'C-Level', weight: 2, engagement: 1.0 },
  { title: 'VP Engineering', department: 'Engineering', seniority: 'VP', weight: 5, engagement: 1.1 },
  { title: 'VP Marketing', department: 'Marketing', seniority: 'VP', weight: 4, engagement: 1.0 },
  { title: 'VP Sales', department: 'Sales', seniority: 'VP', weight: 4, engagement: 0.8 },
  { title: 'VP Finance', department: 'Finance', seniority: 'VP', weight: 2, engagement: 0.6 },
  { title: 'Head of Data', department: 'Data', seniority: 'Director', weight: 5, engagement: 1.4 },
  { title: 'Director of IT', department: 'IT', seniority: 'Director', weight: 5, engagement: 1.1 },
  { title: 'Director of Marketing Operations', department: 'Marketing', seniority: 'Director', weight: 4, engagement: 1.3 },
  { title: 'Director of Analytics', department: 'Data', seniority: 'Director', weight: 4, engagement: 1.3 },
  { title: 'Engineering Manager', department: 'Engineering', seniority: 'Manager', weight: 6, engagement: 1.1 },
  { title: 'Marketing Manager', department: 'Marketing', seniority: 'Manager', weight: 7, engagement: 1.3 },
  { title: 'Procurement Manager', department: 'Procurement', seniority: 'Manager', weight: 4, engagement: 0.7 },
  { title: 'Sales Operations Manager', department: 'Sales', seniority: 'Manager', weight: 4, engagement: 1.0 },
  { title: 'IT Manager', department: 'IT', seniority: 'Manager', weight: 5, engagement: 0.9 },
  { title: 'Data Engineer', department: 'Data', seniority: 'Individual Contributor', weight: 8, engagement: 1.5 },
  { title: 'Software Engineer', department: 'Engineering', seniority: 'Individual Contributor', weight: 8, engagement: 1.0 },
  { title: 'Data Analyst', department: 'Data', seniority: 'Individual Contributor', weight: 6, engagement: 1.3 },
  { title: 'Marketing Specialist', department: 'Marketing', seniority: 'Individual Contributor', weight: 5, engagement: 1.1 },
  { title: 'Account Executive', department: 'Sales', seniority: 'Individual Contributor', weight: 4, engagement: 0.6 },
  { title: 'Office Manager', department: 'Operations', seniority: 'Manager', weight: 2, engagement: 0.4 },
  { title: 'Intern', department: 'Other', seniority: 'Individual Contributor', weight: 3, engagement: 0.5 },
];

export const TITLE_WEIGHTS: readonly (readonly [TitleProfile, number])[] = TITLES.map((t) => [t, t.weight] as const);

/** Seniorities that usually sit on an opportunity's buying committee. */
export const DECISION_MAKERS: ReadonlySet<Seniority> = new Set<Seniority>(['C-Level', 'VP', 'Director']);

export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Sofia', 'Lukas', 'Emma',
  'Hannah', 'Felix', 'Chloe', 'Louis', 'Olivia', 'Noah', 'Priya', 'Arjun', 'Ananya', 'Rahul', 'Yuki', 'Haruto',
  'Sakura', 'Lucas', 'Mariana', 'Gabriel', 'Daan', 'Sanne', 'Liam', 'Charlotte', 'Jack', 'Amelia', 'Mohammed',
  'Fatima', 'Wei', 'Mei',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Martinez', 'Wilson', 'Anderson',
  'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis',
  'Walker', 'Hall', 'Young', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Dubois', 'Lefebvre', 'Moreau',
  'Patel', 'Sharma', 'Singh', 'Kumar', 'Tanaka', 'Suzuki', 'Sato', 'Silva', 'Santos', 'Oliveira', 'de Vries',
  'Jansen', "O'Brien", 'Murphy', 'Chen', 'Wang',
] as const;

/** Lower-case ASCII local part for an email address ("Müller" → "muller", "de Vries" → "devries"). */
export function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
