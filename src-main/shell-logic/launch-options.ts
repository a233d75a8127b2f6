/**
 * What a launch can change through the environment, for tests and rehearsals (the packaged app is
 * started without any of these):
 * - OPEN_FLOOR_USER_DATA: Electron's userData folder (settings, and the default data folder inside it);
 * - OPEN_FLOOR_DATA_DIR: the data folder for this launch, over the setting;
 * - OPEN_FLOOR_LAN_PORT: the port phones connect to (default 4321; 0 picks a free one);
 * - OPEN_FLOOR_JOIN_ADDRESS: which of the laptop's addresses goes into the QR (the console can change it).
 */
export interface LaunchOptions {
  userData: string | null;
  dataDir: string | null;
  lanPort: number;
  joinAddress: string | null;
}

export const DEFAULT_LAN_PORT = 4321;

/** The app's name, and the folder under the OS's app-data folder that holds its settings and data. */
export const APP_NAME = 'Open Floor';

export function launchOptions(env: Record<string, string | undefined>): LaunchOptions {
  const port = env.OPEN_FLOOR_LAN_PORT === undefined || env.OPEN_FLOOR_LAN_PORT === '' ? DEFAULT_LAN_PORT : Number(env.OPEN_FLOOR_LAN_PORT);
  return {
    userData: env.OPEN_FLOOR_USER_DATA || null,
    dataDir: env.OPEN_FLOOR_DATA_DIR || null,
    lanPort: Number.isInteger(port) && port >= 0 && port <= 65535 ? port : DEFAULT_LAN_PORT,
    joinAddress: env.OPEN_FLOOR_JOIN_ADDRESS || null,
  };
}
