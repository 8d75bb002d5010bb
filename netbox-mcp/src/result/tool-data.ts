import { z } from 'zod';

/*
 * Structured data the newer tools put beside their text, in `_meta["netbox-chatbox/result"].data`, for a UI to
 * draw (a path diagram, a neighbor graph, grouped counts). The model never reads it; the text says the same.
 * Every shape is closed and versioned by its `kind`, so a UI can refuse what it does not know.
 */

/** One NetBox object a drawing names: its type (`dcim.device`), id, name as people say it, and NetBox UI link. */
export const ObjectRefSchema = z.object({
  type: z.string(),
  id: z.number().int(),
  name: z.string(),
  url: z.string().optional(),
});
export type ObjectRef = z.infer<typeof ObjectRefSchema>;

/**
 * One end of a cable or a step of a path: a port (with its device), a circuit termination (with its circuit
 * and side), a site or a provider network a circuit ends at.
 */
export const PathEndSchema = ObjectRefSchema.extend({
  /** The device (or power panel, for a power feed) the port is on. */
  device: ObjectRefSchema.optional(),
  /** A circuit termination's circuit, e.g. `{type: 'circuits.circuit', name: 'BT4677212'}`, and its side. */
  circuit: ObjectRefSchema.optional(),
  side: z.string().optional(),
});
export type PathEnd = z.infer<typeof PathEndSchema>;

export const CableRefSchema = ObjectRefSchema.extend({
  type: z.literal('dcim.cable'),
  status: z.string().optional(),
  /** NetBox's cable type, e.g. `cat6`, `mmf-om4`. */
  cableType: z.string().optional(),
  length: z.number().optional(),
  lengthUnit: z.string().optional(),
  color: z.string().optional(),
});
export type CableRef = z.infer<typeof CableRefSchema>;

/** One segment of a path, as NetBox's trace gives it: near ends, the cable (none: an attachment), far ends. */
export const HopSchema = z.object({
  near: z.array(PathEndSchema),
  cable: CableRefSchema.nullable(),
  far: z.array(PathEndSchema),
});
export type Hop = z.infer<typeof HopSchema>;

export const CablePathSchema = z.object({
  hops: z.array(HopSchema),
  /** Ends at a port, console or power endpoint, or a provider network (NetBox's `is_complete`). */
  complete: z.boolean(),
  /** Every cable on it is `connected` (NetBox's `is_active`). */
  active: z.boolean(),
  /** NetBox could not follow it past a point where it fans out (`is_split`). */
  split: z.boolean(),
  /** Why it stops where it does, when it is not complete: words for the UI to show. */
  stops: z.string().optional(),
});
export type CablePath = z.infer<typeof CablePathSchema>;

/** `netbox_trace_cable`: the path(s) through a port; a pass-through port may lie on several. */
export const CableTraceDataSchema = z.object({
  kind: z.literal('cable_trace'),
  origin: PathEndSchema,
  paths: z.array(CablePathSchema),
});
export type CableTraceData = z.infer<typeof CableTraceDataSchema>;

/** `netbox_available`: the first free values of a parent, as text (`10.1.3.7/24`, `10.1.8.0/22`, `105`, `65103`). */
export const AvailableDataSchema = z.object({
  kind: z.literal('available'),
  resource: z.enum(['ip', 'prefix', 'vlan', 'asn']),
  parent: ObjectRefSchema,
  values: z.array(z.string()),
  /** More free values exist beyond those shown. */
  more: z.boolean(),
  /** What the parent holds: its size and how much of it is in use, when NetBox says (IPv6 sizes as text). */
  size: z.string().optional(),
  used: z.number().optional(),
  /** For prefixes of one length: how many such blocks are free in all. */
  freeOfLength: z.string().optional(),
});
export type AvailableData = z.infer<typeof AvailableDataSchema>;

/** One cabled link of a device to its neighbor; `to` is null when nothing is connected beyond the first cable. */
export const NeighborLinkSchema = z.object({
  /** 1: the device's own ports; 2: its neighbors' ports. */
  hop: z.number().int().min(1).max(2),
  from: PathEndSchema,
  to: PathEndSchema.nullable(),
  /** Patch panel ports and circuit terminations between the two, in order. */
  via: z.array(PathEndSchema),
  cable: CableRefSchema.nullable(),
  circuit: ObjectRefSchema.nullable(),
});
export type NeighborLink = z.infer<typeof NeighborLinkSchema>;

/** `netbox_neighbors`: a device, the devices cabled to it (and theirs, at depth 2), and the links between them. */
export const NeighborsDataSchema = z.object({
  kind: z.literal('neighbors'),
  device: ObjectRefSchema,
  depth: z.number().int().min(1).max(2),
  /** Every device of the drawing with its distance from the first (0, 1 or 2). */
  devices: z.array(ObjectRefSchema.extend({ hop: z.number().int().min(0).max(2) })),
  links: z.array(NeighborLinkSchema),
});
export type NeighborsData = z.infer<typeof NeighborsDataSchema>;

/** One kind of thing that depends on the object: how many, the first few, and the NetBox list of all. */
export const ImpactGroupSchema = z.object({
  /** Stable name of the group: `neighbors`, `circuits`, `virtual_machines`… */
  key: z.string(),
  label: z.string(),
  /** The object type the rows are (`dcim.device`). */
  type: z.string(),
  count: z.number().int(),
  shown: z.array(ObjectRefSchema),
  listUrl: z.string().optional(),
  /** The group could not be read; its count is unknown (0 here). */
  failed: z.string().optional(),
});
export type ImpactGroup = z.infer<typeof ImpactGroupSchema>;

/** `netbox_impact`: what depends on one object, grouped. */
export const ImpactDataSchema = z.object({
  kind: z.literal('impact'),
  target: ObjectRefSchema,
  groups: z.array(ImpactGroupSchema),
});
export type ImpactData = z.infer<typeof ImpactDataSchema>;

export const ToolDataSchema = z.discriminatedUnion('kind', [CableTraceDataSchema, AvailableDataSchema, NeighborsDataSchema, ImpactDataSchema]);
export type ToolData = z.infer<typeof ToolDataSchema>;
