export interface Contact {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  status: 'lead' | 'active_client' | 'archived';
  source: string | null;
  tags: string[];
  assignedAgentId: string | null;
  lastInteractionAt: string | null;
  score: number | null;
  convertedAt: string | null;
  mergedIntoId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ContactRole {
  id: string;
  role: string;
  startDate: string;
  endDate: string | null;
  active: boolean;
  version: number;
}

export interface ContactDetail extends Contact {
  roles: ContactRole[];
  assignments: {
    id: string;
    fromAgentId: string | null;
    toAgentId: string | null;
    actorId: string | null;
    at: string;
  }[];
}

// The API's codes (contact_status_check).
export const CONTACT_STATUSES = ['lead', 'active_client', 'archived'] as const;
export const STATUS_COLOR: Record<string, string> = {
  lead: 'gold',
  active_client: 'green',
  archived: 'default',
};
