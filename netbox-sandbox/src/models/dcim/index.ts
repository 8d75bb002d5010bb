import type { ModelDef } from '../model-def.ts';
import { cable } from './cable.ts';
import { cableBundle } from './cable-bundle.ts';
import { cableTermination } from './cable-termination.ts';
import { consolePort } from './console-port.ts';
import { consolePortTemplate } from './console-port-template.ts';
import { consoleServerPort } from './console-server-port.ts';
import { consoleServerPortTemplate } from './console-server-port-template.ts';
import { device } from './device.ts';
import { deviceBay } from './device-bay.ts';
import { deviceBayTemplate } from './device-bay-template.ts';
import { deviceRole } from './device-role.ts';
import { deviceType } from './device-type.ts';
import { frontPort } from './front-port.ts';
import { frontPortTemplate } from './front-port-template.ts';
import { iface } from './interface.ts';
import { interfaceTemplate } from './interface-template.ts';
import { inventoryItem } from './inventory-item.ts';
import { inventoryItemRole } from './inventory-item-role.ts';
import { inventoryItemTemplate } from './inventory-item-template.ts';
import { location } from './location.ts';
import { macAddress } from './mac-address.ts';
import { manufacturer } from './manufacturer.ts';
import { module } from './module.ts';
import { moduleBay } from './module-bay.ts';
import { moduleBayTemplate } from './module-bay-template.ts';
import { moduleType } from './module-type.ts';
import { moduleTypeProfile } from './module-type-profile.ts';
import { platform } from './platform.ts';
import { powerFeed } from './power-feed.ts';
import { powerOutlet } from './power-outlet.ts';
import { powerOutletTemplate } from './power-outlet-template.ts';
import { powerPanel } from './power-panel.ts';
import { powerPort } from './power-port.ts';
import { powerPortTemplate } from './power-port-template.ts';
import { rack } from './rack.ts';
import { rackGroup } from './rack-group.ts';
import { rackReservation } from './rack-reservation.ts';
import { rackRole } from './rack-role.ts';
import { rackType } from './rack-type.ts';
import { rearPort } from './rear-port.ts';
import { rearPortTemplate } from './rear-port-template.ts';
import { region } from './region.ts';
import { site } from './site.ts';
import { siteGroup } from './site-group.ts';
import { virtualChassis } from './virtual-chassis.ts';
import { virtualDeviceContext } from './virtual-device-context.ts';

/** Every dcim model, by path: the order NetBox's `/api/dcim/` root lists them in. */
export const DCIM_MODELS: readonly ModelDef[] = [
  cableBundle,
  cableTermination,
  cable,
  consolePortTemplate,
  consolePort,
  consoleServerPortTemplate,
  consoleServerPort,
  deviceBayTemplate,
  deviceBay,
  deviceRole,
  deviceType,
  device,
  frontPortTemplate,
  frontPort,
  interfaceTemplate,
  iface,
  inventoryItemRole,
  inventoryItemTemplate,
  inventoryItem,
  location,
  macAddress,
  manufacturer,
  moduleBayTemplate,
  moduleBay,
  moduleTypeProfile,
  moduleType,
  module,
  platform,
  powerFeed,
  powerOutletTemplate,
  powerOutlet,
  powerPanel,
  powerPortTemplate,
  powerPort,
  rackGroup,
  rackReservation,
  rackRole,
  rackType,
  rack,
  rearPortTemplate,
  rearPort,
  region,
  siteGroup,
  site,
  virtualChassis,
  virtualDeviceContext,
];
