/** How scoring names a person (a contact or a lead) in reasons and tasks. */
import type { Person as PersonRecord } from '../model/records.js';

/** The fields of a person (a contact or a lead) that scoring reads. */
export type Person = Pick<PersonRecord, 'id' | 'email' | 'firstName' | 'lastName' | 'title' | 'department' | 'seniority' | 'ownerId'>;

export function personName(person: Person): string {
  return [person.firstName, person.lastName].filter(Boolean).join(' ') || person.email || person.id;
}

/** "Ann Lee (CTO)", or for a lead "Ann Lee (CTO, lead)". */
export function personDisplayName(person: Person, isLead = false): string {
  const notes = [person.title, isLead ? 'lead' : null].filter(Boolean).join(', ');
  return notes ? `${personName(person)} (${notes})` : personName(person);
}
