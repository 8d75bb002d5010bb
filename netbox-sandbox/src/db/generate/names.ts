/** Word lists for invented people, streets, customers and applications. */

export const COMPANY_NAME = 'Kestrel Networks';
export const COMPANY_DOMAIN = 'kestrelnet.example';

export const FIRST_NAMES: readonly string[] = [
  'Maya', 'Rafael', 'Priya', 'Tomas', 'Erin', 'David', 'Julia', 'Kenji', 'Amara', 'Lukas', 'Sofia', 'Marcus', 'Ingrid',
  'Omar', 'Hannah', 'Mateo', 'Chloe', 'Arjun', 'Nadia', 'Owen', 'Leila', 'Samuel', 'Freya', 'Diego', 'Aisha', 'Nikolai',
  'Grace', 'Ravi', 'Elena', 'Jonah', 'Yuki', 'Bianca', 'Felix', 'Zara', 'Caleb', 'Mei', 'Isaac', 'Lucia', 'Theo', 'Anika',
];

export const LAST_NAMES: readonly string[] = [
  'Chen', 'Kowalski', 'Nair', 'Lindqvist', 'Brennan', 'Okafor', 'Santos', 'Watanabe', 'Mensah', 'Becker', 'Rossi',
  'Delgado', 'Haugen', 'Farouk', 'Whitaker', 'Alvarez', 'Dubois', 'Mehta', 'Petrova', 'Gallagher', 'Haddad', 'Ortega',
  'Nilsson', 'Castillo', 'Abara', 'Volkov', 'Sullivan', 'Iyer', 'Moreau', 'Fischer', 'Tanaka', 'Ferreira', 'Novak',
  'Karimi', 'Doyle', 'Lin', 'Adeyemi', 'Romero', 'Bauer', 'Kapoor',
];

export const STREET_NAMES: readonly string[] = [
  'Harbor', 'Maple', 'Foundry', 'Lakeshore', 'Granite', 'Meridian', 'Willow', 'Commerce', 'Riverside', 'Beacon', 'Cedar',
  'Summit', 'Industrial', 'Orchard', 'Station', 'Canal', 'Heritage', 'Pioneer', 'Quarry', 'Market',
];

export const STREET_TYPES: readonly string[] = ['Street', 'Avenue', 'Boulevard', 'Road', 'Parkway', 'Way', 'Drive'];

/** Customer tenants of the managed-services business at scale ×1, with the customer group they belong to. */
export const BASE_CUSTOMERS: readonly { readonly name: string; readonly group: string; readonly code: string }[] = [
  { name: 'Harborview Hotels', group: 'Hospitality', code: 'HBV' },
  { name: 'Summit Health Partners', group: 'Healthcare', code: 'SHP' },
  { name: 'Pinecrest Credit Union', group: 'Financial Services', code: 'PCU' },
  { name: 'Northgate School District', group: 'Education', code: 'NSD' },
  { name: 'Copperline Energy', group: 'Energy', code: 'CLE' },
  { name: 'Bluewater Foods', group: 'Hospitality', code: 'BWF' },
  { name: 'Alder & Finch LLP', group: 'Financial Services', code: 'AFL' },
];

/** Parts for further customers at larger scales: a distinctive word and an industry. */
export const CUSTOMER_WORDS: readonly string[] = [
  'Ironwood', 'Silverline', 'Redfern', 'Oakhaven', 'Brightwater', 'Stonebridge', 'Clearpath', 'Highmark', 'Lakeview',
  'Westbrook', 'Goldcrest', 'Fairhaven', 'Blackrock', 'Greenfield', 'Eastgate', 'Rosewood', 'Kingsley', 'Maplewood',
  'Crescent', 'Harrington', 'Sterling', 'Ashford', 'Briarwood', 'Cobalt', 'Driftwood', 'Emberly', 'Foxglove', 'Glenmore',
  'Hollister', 'Juniper', 'Larkspur', 'Northwind', 'Oakridge', 'Prescott', 'Quillon', 'Ravenna', 'Sagebrush',
];

export const CUSTOMER_INDUSTRIES: readonly { readonly suffix: string; readonly group: string }[] = [
  { suffix: 'Hotels', group: 'Hospitality' },
  { suffix: 'Resorts', group: 'Hospitality' },
  { suffix: 'Restaurants', group: 'Hospitality' },
  { suffix: 'Medical Group', group: 'Healthcare' },
  { suffix: 'Clinics', group: 'Healthcare' },
  { suffix: 'Bank', group: 'Financial Services' },
  { suffix: 'Insurance', group: 'Financial Services' },
  { suffix: 'Capital', group: 'Financial Services' },
  { suffix: 'Academy', group: 'Education' },
  { suffix: 'University', group: 'Education' },
  { suffix: 'Power', group: 'Energy' },
  { suffix: 'Utilities', group: 'Energy' },
  { suffix: 'Manufacturing', group: 'Industrial' },
  { suffix: 'Logistics', group: 'Industrial' },
  { suffix: 'Foods', group: 'Hospitality' },
  { suffix: 'Media', group: 'Media' },
];

export const VM_APPS: readonly { readonly name: string; readonly role: string }[] = [
  { name: 'web', role: 'Web Server' },
  { name: 'app', role: 'Application Server' },
  { name: 'api', role: 'Application Server' },
  { name: 'sql', role: 'Database Server' },
  { name: 'pg', role: 'Database Server' },
  { name: 'redis', role: 'Database Server' },
  { name: 'dc', role: 'Domain Controller' },
  { name: 'mon', role: 'Monitoring Server' },
  { name: 'log', role: 'Monitoring Server' },
  { name: 'bkp', role: 'Backup Server' },
  { name: 'jump', role: 'Jump Host' },
  { name: 'mq', role: 'Application Server' },
  { name: 'erp', role: 'Application Server' },
  { name: 'wms', role: 'Application Server' },
];

export function slugify(value: string): string {
  return value
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
