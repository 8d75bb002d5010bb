import type { NameLinks } from '../format/name-links.ts';
import { formatCidr, type Cidr } from './prefix-math.ts';

/** Links each prefix a result shows: by id for the result's objects, and by its CIDR for the names in answers. */
export function addPrefixLinks(
  prefixes: Iterable<{ readonly row: { readonly id: unknown }; readonly cidr: Cidr }>,
  objectUrl: string,
  into: { readonly objects: Record<string, string>; readonly names: NameLinks },
): void {
  for (const { row, cidr } of prefixes) {
    const url = objectUrl.replace('{id}', String(row.id));
    into.objects[String(row.id)] = url;
    into.names.add(formatCidr(cidr), url);
  }
}
