/**
 * Learns which title words are over-represented among contacts on won opportunities (opportunity.contactIds),
 * as a capped, smoothed log2 lift turned into persona boost points.
 */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { Contact } from '../model/records.js';
import { titleWords, type PersonaBoostModel } from './persona.js';

/** A PersonaBoostTrainer's counts as plain data, words as [word, count] (a record could not hold "__proto__"). */
export interface PersonaBoostPartial {
  contacts: number;
  wonContacts: number;
  all: [word: string, contacts: number][];
  won: [word: string, contacts: number][];
}

/** Only integer counts: merged trainers finish exactly like one trainer over all their accounts. */
export class PersonaBoostTrainer {
  private readonly all = new Map<string, number>();
  private readonly won = new Map<string, number>();
  private contacts = 0;
  private wonContacts = 0;

  constructor(private readonly config: ScoringConfig) {}

  add(contacts: readonly Contact[], wonContactIds: ReadonlySet<string>): void {
    for (const contact of contacts) {
      const words = titleWords(contact.title);
      const onWonDeal = wonContactIds.has(contact.id);
      this.contacts++;
      if (onWonDeal) this.wonContacts++;
      for (const word of words) {
        this.all.set(word, (this.all.get(word) ?? 0) + 1);
        if (onWonDeal) this.won.set(word, (this.won.get(word) ?? 0) + 1);
      }
    }
  }

  partial(): PersonaBoostPartial {
    return { contacts: this.contacts, wonContacts: this.wonContacts, all: [...this.all], won: [...this.won] };
  }

  merge(partial: PersonaBoostPartial): void {
    this.contacts += partial.contacts;
    this.wonContacts += partial.wonContacts;
    for (const [word, n] of partial.all) this.all.set(word, (this.all.get(word) ?? 0) + n);
    for (const [word, n] of partial.won) this.won.set(word, (this.won.get(word) ?? 0) + n);
  }

  finish(): PersonaBoostModel | null {
    const settings = this.config.personas.learnedBoost;
    if (this.wonContacts < settings.minWonContacts) return null;
    const words: Record<string, number> = {};
    for (const word of [...this.won.keys()].sort()) {
      const won = this.won.get(word) ?? 0;
      if (won < settings.minSupport) continue;
      const shareWon = (won + 1) / (this.wonContacts + 2);
      const shareAll = ((this.all.get(word) ?? 0) + 1) / (this.contacts + 2);
      const points = Math.min(settings.maxPoints, settings.pointsPerDoubling * Math.log2(shareWon / shareAll));
      if (points >= 0.5) words[word] = Math.round(points * 10) / 10;
    }
    return { words, wonContacts: this.wonContacts };
  }
}
