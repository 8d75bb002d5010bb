import { describe, expect, it } from 'vitest';
import { filterByTitle } from '../../app/utils/shell/title-filter';

const items = [
  { id: '1', title: 'Devices in site DC1' },
  { id: '2', title: 'Free /24s in 10.0.0.0/16' },
  { id: '3', title: 'Résumé of changes on core-rtr-01' },
];

const ids = (query: string) => filterByTitle(items, query).map((i) => i.id);

describe('filterByTitle', () => {
  it('keeps everything for a blank query', () => {
    expect(ids('')).toEqual(['1', '2', '3']);
    expect(ids('   ')).toEqual(['1', '2', '3']);
  });

  it('matches every word, in any order, ignoring case and accents', () => {
    expect(ids('dc1 devices')).toEqual(['1']);
    expect(ids('RESUME')).toEqual(['3']);
    expect(ids('10.0.0.0/16')).toEqual(['2']);
    expect(ids('in')).toEqual(['1', '2']);
    expect(ids('devices dc2')).toEqual([]);
  });
});
