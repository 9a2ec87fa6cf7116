/**
 * Persona fit for a contact: title / department / seniority matched to the personas in config, plus a learned
 * boost for title words that are over-represented among contacts on won opportunities.
 */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { Contributor, PersonaGrade } from '../model/scores.js';
import { compileConfig, normalizeTitle, type CompiledConfig } from './compile.js';
import { contributor, scoreOf } from './contributors.js';
import type { Person } from './person-name.js';

/** Title word → boost points (already capped), learned from won deals. Empty when history is too thin. */
export interface PersonaBoostModel {
  words: Record<string, number>;
  wonContacts: number;
}

export interface PersonaResult {
  persona: string | null;
  score: number;
  grade: PersonaGrade;
  contributors: Contributor[];
}

const STOP_WORDS = new Set(['of', 'and', 'the', 'for', 'to', 'in', 'at', 'a', 'an', '&']);

/**
 * Job titles repeat across a CRM (a few thousand distinct ones per million contacts), so their normalised words and
 * persona matches are computed once per distinct title. Bounded: a cache that outgrows the limit starts over.
 */
const TITLE_CACHE_LIMIT = 50_000;
const wordsByTitle = new Map<string, readonly string[]>();
const titleMatchesByConfig = new WeakMap<CompiledConfig, Map<string, readonly boolean[]>>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= TITLE_CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

export function titleWords(title: string | null): string[] {
  if (!title) return [];
  const cached = wordsByTitle.get(title);
  if (cached) return [...cached];
  const words = normalizeTitle(title).split(' ');
  return [...remember(wordsByTitle, title, [...new Set(words.filter((w) => w.length >= 2 && !STOP_WORDS.has(w)))])];
}

/** Which of the compiled personas' title patterns the (normalised) title matches, in persona order. */
function titleMatches(compiled: CompiledConfig, title: string): readonly boolean[] {
  let byTitle = titleMatchesByConfig.get(compiled);
  if (!byTitle) titleMatchesByConfig.set(compiled, (byTitle = new Map()));
  const cached = byTitle.get(title);
  if (cached) return cached;
  const normalized = normalizeTitle(title);
  return remember(
    byTitle,
    title,
    compiled.personas.map((persona) => normalized !== '' && persona.titlePattern?.test(normalized) === true),
  );
}

export function gradeFor(score: number, config: ScoringConfig): PersonaGrade {
  const g = config.personas.grades;
  return score >= g.A ? 'A' : score >= g.B ? 'B' : score >= g.C ? 'C' : 'D';
}

const GRADE_ORDER: readonly PersonaGrade[] = ['D', 'C', 'B', 'A'];

/** True when `grade` is `min` or better. */
export function gradeAtLeast(grade: PersonaGrade, min: PersonaGrade): boolean {
  return GRADE_ORDER.indexOf(grade) >= GRADE_ORDER.indexOf(min);
}

export function scorePersona(contact: Pick<Person, 'title' | 'department' | 'seniority'>, config: ScoringConfig, boost: PersonaBoostModel | null): PersonaResult {
  const compiled = compileConfig(config);
  const pts = config.personas.points;
  const titleFits = contact.title ? titleMatches(compiled, contact.title) : [];
  const department = contact.department?.trim().toLowerCase() ?? '';
  const seniority = contact.seniority?.trim().toLowerCase() ?? '';
  let best: { name: string; points: number; contributors: Contributor[] } | null = null;
  for (const [index, persona] of compiled.personas.entries()) {
    const found: Contributor[] = [];
    if (titleFits[index] === true) found.push(contributor(`title "${contact.title ?? ''}" fits ${persona.name}`, pts.title));
    if (department !== '' && persona.departments.has(department)) found.push(contributor(`department ${contact.department ?? ''}`, pts.department));
    if (seniority !== '' && persona.seniorities.has(seniority)) found.push(contributor(`seniority ${contact.seniority ?? ''}`, pts.seniority));
    const points = found.reduce((n, c) => n + c.points, 0);
    if (points > 0 && (best === null || points > best.points)) best = { name: persona.name, points, contributors: found };
  }
  const contributors = best ? [...best.contributors] : [];
  const learned = boost ? bestBoost(contact.title, boost) : null;
  if (learned) contributors.push(contributor(`title word "${learned.word}" common on won deals`, learned.points));
  const score = scoreOf(contributors);
  return { persona: best?.name ?? null, score, grade: gradeFor(score, config), contributors };
}

function bestBoost(title: string | null, boost: PersonaBoostModel): { word: string; points: number } | null {
  let best: { word: string; points: number } | null = null;
  for (const word of titleWords(title)) {
    const points = Object.hasOwn(boost.words, word) ? boost.words[word] : undefined;
    if (points !== undefined && (best === null || points > best.points)) best = { word, points };
  }
  return best;
}
