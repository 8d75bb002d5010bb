import type { ModelDef } from '../model-def.ts';
import { contactAssignment } from './contact-assignment.ts';
import { contactGroup } from './contact-group.ts';
import { contactRole } from './contact-role.ts';
import { contact } from './contact.ts';
import { tenantGroup } from './tenant-group.ts';
import { tenant } from './tenant.ts';

export const TENANCY_MODELS: readonly ModelDef[] = [tenantGroup, tenant, contactGroup, contactRole, contact, contactAssignment];
