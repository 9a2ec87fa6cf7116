/**
 * Learns which title words are over-represented among contacts on won opportunities (opportunity.contactIds),
 * as a capped, smoothed log2 lift turned into persona boost points.
 */
import type { ScoringConfig } from '../config/scoring-schema.js';
import type { Contact } from '../model/records.js';
import { titleWords, type PersonaBoostModel } from './persona.js';

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
