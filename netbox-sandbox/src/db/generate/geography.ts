/** Real places for the fictional company's footprint: continents, countries and metro areas. */

export interface Metro {
  readonly name: string;
  /** Three-letter code used in site and device names. */
  readonly code: string;
  readonly country: string;
  readonly state: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly timeZone: string;
  readonly postalCode: string;
}

export interface Country {
  readonly name: string;
  readonly slug: string;
  readonly continent: string;
}

export const CONTINENTS: readonly { readonly name: string; readonly slug: string }[] = [
  { name: 'North America', slug: 'north-america' },
  { name: 'South America', slug: 'south-america' },
  { name: 'Europe', slug: 'europe' },
  { name: 'Asia Pacific', slug: 'asia-pacific' },
];

export const COUNTRIES: readonly Country[] = [
  { name: 'United States', slug: 'us', continent: 'North America' },
  { name: 'Canada', slug: 'ca', continent: 'North America' },
  { name: 'Mexico', slug: 'mx', continent: 'North America' },
  { name: 'Brazil', slug: 'br', continent: 'South America' },
  { name: 'United Kingdom', slug: 'gb', continent: 'Europe' },
  { name: 'Germany', slug: 'de', continent: 'Europe' },
  { name: 'Netherlands', slug: 'nl', continent: 'Europe' },
  { name: 'France', slug: 'fr', continent: 'Europe' },
  { name: 'Ireland', slug: 'ie', continent: 'Europe' },
  { name: 'Poland', slug: 'pl', continent: 'Europe' },
  { name: 'Japan', slug: 'jp', continent: 'Asia Pacific' },
  { name: 'Singapore', slug: 'sg', continent: 'Asia Pacific' },
  { name: 'Australia', slug: 'au', continent: 'Asia Pacific' },
  { name: 'India', slug: 'in', continent: 'Asia Pacific' },
];

export const METROS: readonly Metro[] = [
  { name: 'Chicago', code: 'CHI', country: 'United States', state: 'IL', latitude: 41.8781, longitude: -87.6298, timeZone: 'America/Chicago', postalCode: '60607' },
  { name: 'Frankfurt', code: 'FRA', country: 'Germany', state: 'HE', latitude: 50.1109, longitude: 8.6821, timeZone: 'Europe/Berlin', postalCode: '60314' },
  { name: 'Denver', code: 'DEN', country: 'United States', state: 'CO', latitude: 39.7392, longitude: -104.9903, timeZone: 'America/Denver', postalCode: '80202' },
  { name: 'London', code: 'LON', country: 'United Kingdom', state: 'ENG', latitude: 51.5072, longitude: -0.1276, timeZone: 'Europe/London', postalCode: 'EC2A 4BX' },
  { name: 'Ashburn', code: 'IAD', country: 'United States', state: 'VA', latitude: 39.0438, longitude: -77.4874, timeZone: 'America/New_York', postalCode: '20147' },
  { name: 'Dallas', code: 'DFW', country: 'United States', state: 'TX', latitude: 32.7767, longitude: -96.797, timeZone: 'America/Chicago', postalCode: '75207' },
  { name: 'Rotterdam', code: 'RTM', country: 'Netherlands', state: 'ZH', latitude: 51.9244, longitude: 4.4777, timeZone: 'Europe/Amsterdam', postalCode: '3011 AA' },
  { name: 'Austin', code: 'AUS', country: 'United States', state: 'TX', latitude: 30.2672, longitude: -97.7431, timeZone: 'America/Chicago', postalCode: '78701' },
  { name: 'Seattle', code: 'SEA', country: 'United States', state: 'WA', latitude: 47.6062, longitude: -122.3321, timeZone: 'America/Los_Angeles', postalCode: '98101' },
  { name: 'Atlanta', code: 'ATL', country: 'United States', state: 'GA', latitude: 33.749, longitude: -84.388, timeZone: 'America/New_York', postalCode: '30303' },
  { name: 'Boston', code: 'BOS', country: 'United States', state: 'MA', latitude: 42.3601, longitude: -71.0589, timeZone: 'America/New_York', postalCode: '02110' },
  { name: 'Toronto', code: 'YYZ', country: 'Canada', state: 'ON', latitude: 43.6532, longitude: -79.3832, timeZone: 'America/Toronto', postalCode: 'M5H 2N2' },
  { name: 'Munich', code: 'MUC', country: 'Germany', state: 'BY', latitude: 48.1351, longitude: 11.582, timeZone: 'Europe/Berlin', postalCode: '80331' },
  { name: 'Amsterdam', code: 'AMS', country: 'Netherlands', state: 'NH', latitude: 52.3676, longitude: 4.9041, timeZone: 'Europe/Amsterdam', postalCode: '1012 JS' },
  { name: 'Manchester', code: 'MAN', country: 'United Kingdom', state: 'ENG', latitude: 53.4808, longitude: -2.2426, timeZone: 'Europe/London', postalCode: 'M1 1AD' },
  { name: 'Singapore', code: 'SIN', country: 'Singapore', state: '', latitude: 1.3521, longitude: 103.8198, timeZone: 'Asia/Singapore', postalCode: '018956' },
  { name: 'Sydney', code: 'SYD', country: 'Australia', state: 'NSW', latitude: -33.8688, longitude: 151.2093, timeZone: 'Australia/Sydney', postalCode: '2000' },
  { name: 'Tokyo', code: 'TYO', country: 'Japan', state: '13', latitude: 35.6762, longitude: 139.6503, timeZone: 'Asia/Tokyo', postalCode: '100-0005' },
  { name: 'Phoenix', code: 'PHX', country: 'United States', state: 'AZ', latitude: 33.4484, longitude: -112.074, timeZone: 'America/Phoenix', postalCode: '85004' },
  { name: 'Minneapolis', code: 'MSP', country: 'United States', state: 'MN', latitude: 44.9778, longitude: -93.265, timeZone: 'America/Chicago', postalCode: '55402' },
  { name: 'Vancouver', code: 'YVR', country: 'Canada', state: 'BC', latitude: 49.2827, longitude: -123.1207, timeZone: 'America/Vancouver', postalCode: 'V6B 1A1' },
  { name: 'Dublin', code: 'DUB', country: 'Ireland', state: 'D', latitude: 53.3498, longitude: -6.2603, timeZone: 'Europe/Dublin', postalCode: 'D02 X285' },
  { name: 'Paris', code: 'PAR', country: 'France', state: 'IDF', latitude: 48.8566, longitude: 2.3522, timeZone: 'Europe/Paris', postalCode: '75002' },
  { name: 'Warsaw', code: 'WAW', country: 'Poland', state: 'MZ', latitude: 52.2297, longitude: 21.0122, timeZone: 'Europe/Warsaw', postalCode: '00-001' },
  { name: 'Melbourne', code: 'MEL', country: 'Australia', state: 'VIC', latitude: -37.8136, longitude: 144.9631, timeZone: 'Australia/Melbourne', postalCode: '3000' },
  { name: 'Osaka', code: 'OSA', country: 'Japan', state: '27', latitude: 34.6937, longitude: 135.5023, timeZone: 'Asia/Tokyo', postalCode: '530-0001' },
  { name: 'Mumbai', code: 'BOM', country: 'India', state: 'MH', latitude: 19.076, longitude: 72.8777, timeZone: 'Asia/Kolkata', postalCode: '400001' },
  { name: 'Bengaluru', code: 'BLR', country: 'India', state: 'KA', latitude: 12.9716, longitude: 77.5946, timeZone: 'Asia/Kolkata', postalCode: '560001' },
  { name: 'Mexico City', code: 'MEX', country: 'Mexico', state: 'CMX', latitude: 19.4326, longitude: -99.1332, timeZone: 'America/Mexico_City', postalCode: '06000' },
  { name: 'Sao Paulo', code: 'GRU', country: 'Brazil', state: 'SP', latitude: -23.5558, longitude: -46.6396, timeZone: 'America/Sao_Paulo', postalCode: '01310-100' },
  { name: 'Portland', code: 'PDX', country: 'United States', state: 'OR', latitude: 45.5152, longitude: -122.6784, timeZone: 'America/Los_Angeles', postalCode: '97204' },
  { name: 'Nashville', code: 'BNA', country: 'United States', state: 'TN', latitude: 36.1627, longitude: -86.7816, timeZone: 'America/Chicago', postalCode: '37203' },
  { name: 'Charlotte', code: 'CLT', country: 'United States', state: 'NC', latitude: 35.2271, longitude: -80.8431, timeZone: 'America/New_York', postalCode: '28202' },
  { name: 'Salt Lake City', code: 'SLC', country: 'United States', state: 'UT', latitude: 40.7608, longitude: -111.891, timeZone: 'America/Denver', postalCode: '84101' },
  { name: 'Hamburg', code: 'HAM', country: 'Germany', state: 'HH', latitude: 53.5511, longitude: 9.9937, timeZone: 'Europe/Berlin', postalCode: '20095' },
  { name: 'Lyon', code: 'LYS', country: 'France', state: 'ARA', latitude: 45.764, longitude: 4.8357, timeZone: 'Europe/Paris', postalCode: '69002' },
];

export function metroByName(name: string): Metro {
  const metro = METROS.find((m) => m.name === name);
  if (!metro) throw new Error(`unknown metro ${name}`);
  return metro;
}

export function countryByName(name: string): Country {
  const country = COUNTRIES.find((c) => c.name === name);
  if (!country) throw new Error(`unknown country ${name}`);
  return country;
}
