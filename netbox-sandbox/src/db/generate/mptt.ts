import type { Row } from '../dataset.ts';

/**
 * Fills django-mptt's `lft`, `rght`, `tree_id` and `level` for a whole table. NetBox's nested models insert
 * ordered by name (`order_insertion_by = ('name',)`), which also orders the root trees, so tree ids and
 * sibling order both follow the name.
 */
export function assignMptt(rows: readonly Row[]): void {
  const children = new Map<unknown, Row[]>();
  const roots: Row[] = [];
  for (const row of rows) {
    const parent = row.parent_id;
    if (parent === null || parent === undefined) {
      roots.push(row);
    } else {
      const list = children.get(parent);
      if (list) list.push(row);
      else children.set(parent, [row]);
    }
  }
  const byName = (a: Row, b: Row): number => {
    const an = String(a.name);
    const bn = String(b.name);
    if (an !== bn) return an < bn ? -1 : 1;
    return Number(a.id) - Number(b.id);
  };
  roots.sort(byName);
  for (const list of children.values()) list.sort(byName);

  roots.forEach((root, index) => {
    let counter = 1;
    // Iterative depth-first walk: trees are shallow, but a ×100 location table is wide.
    const stack: { row: Row; level: number; entered: boolean }[] = [{ row: root, level: 0, entered: false }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { row: Row; level: number; entered: boolean };
      if (!frame.entered) {
        frame.entered = true;
        frame.row.lft = counter++;
        frame.row.level = frame.level;
        frame.row.tree_id = index + 1;
        const kids = children.get(frame.row.id) ?? [];
        for (let i = kids.length - 1; i >= 0; i--) {
          stack.push({ row: kids[i] as Row, level: frame.level + 1, entered: false });
        }
      } else {
        frame.row.rght = counter++;
        stack.pop();
      }
    }
  });
}
