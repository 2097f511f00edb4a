// Queries on the devices table: phones Vitre has seen, keyed by adb serial.
import type { CatalogDb } from './open-catalog.ts';

export interface Device {
  id: number;
  serial: string;
  model: string;
  /** The name the user sees (the phone's own name, or one the user gave it). */
  name: string;
  firstSeenAt: number;
  lastSeenAt: number;
}

export interface SeenDevice {
  serial: string;
  model: string;
  name: string;
}

interface DeviceRow {
  id: number;
  serial: string;
  model: string;
  name: string;
  first_seen_at: number;
  last_seen_at: number;
}

function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    serial: row.serial,
    model: row.model,
    name: row.name,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
}

/** Records that a phone was seen now: adds it, or refreshes its model, name and last-seen time. */
export function recordDeviceSeen(db: CatalogDb, seen: SeenDevice, at: number = Date.now()): Device {
  return db.transaction(() => {
    db.prepare(
      `INSERT INTO devices (serial, model, name, first_seen_at, last_seen_at)
       VALUES (@serial, @model, @name, @at, @at)
       ON CONFLICT (serial) DO UPDATE SET model = excluded.model, name = excluded.name,
         last_seen_at = max(last_seen_at, excluded.last_seen_at)`,
    ).run({ ...seen, at });
    return findDeviceBySerial(db, seen.serial)!;
  })();
}

export function getDevice(db: CatalogDb, id: number): Device | undefined {
  const row = db.prepare('SELECT * FROM devices WHERE id = ?').get(id) as DeviceRow | undefined;
  return row && toDevice(row);
}

export function findDeviceBySerial(db: CatalogDb, serial: string): Device | undefined {
  const row = db.prepare('SELECT * FROM devices WHERE serial = ?').get(serial) as DeviceRow | undefined;
  return row && toDevice(row);
}

/** All known phones, most recently seen first. */
export function listDevices(db: CatalogDb): Device[] {
  const rows = db.prepare('SELECT * FROM devices ORDER BY last_seen_at DESC, id').all() as DeviceRow[];
  return rows.map(toDevice);
}
