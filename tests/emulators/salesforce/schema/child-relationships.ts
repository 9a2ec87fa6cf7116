/** Parent-to-child relationship names of the standard objects, as describe lists them in `childRelationships`. */

export interface ChildRelationship {
  relationshipName: string;
  childSObject: string;
  field: string;
}

const rel = (relationshipName: string, childSObject: string, field: string): ChildRelationship => ({ relationshipName, childSObject, field });

export const CHILD_RELATIONSHIPS: Readonly<Record<string, readonly ChildRelationship[]>> = {
  Account: [rel('Contacts', 'Contact', 'AccountId'), rel('Opportunities', 'Opportunity', 'AccountId'), rel('Tasks', 'Task', 'WhatId'), rel('Events', 'Event', 'WhatId'), rel('ChildAccounts', 'Account', 'ParentId')],
  Contact: [rel('OpportunityContactRoles', 'OpportunityContactRole', 'ContactId'), rel('Tasks', 'Task', 'WhoId'), rel('Events', 'Event', 'WhoId'), rel('CampaignMembers', 'CampaignMember', 'ContactId')],
  Lead: [rel('Tasks', 'Task', 'WhoId'), rel('Events', 'Event', 'WhoId'), rel('CampaignMembers', 'CampaignMember', 'LeadId')],
  Opportunity: [rel('OpportunityContactRoles', 'OpportunityContactRole', 'OpportunityId'), rel('Tasks', 'Task', 'WhatId'), rel('Events', 'Event', 'WhatId')],
  Campaign: [rel('CampaignMembers', 'CampaignMember', 'CampaignId'), rel('Opportunities', 'Opportunity', 'CampaignId')],
  User: [rel('PermissionSetAssignments', 'PermissionSetAssignment', 'AssigneeId')],
  PermissionSet: [rel('Assignments', 'PermissionSetAssignment', 'PermissionSetId')],
};

export function childRelationship(parent: string, name: string): ChildRelationship | undefined {
  return CHILD_RELATIONSHIPS[parent]?.find((r) => r.relationshipName.toLowerCase() === name.toLowerCase());
}
