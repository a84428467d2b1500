/**
 * What the simulator logs through: the subset of pino it uses, so the server can pass its own logger
 * (`logger.child({ process: 'channel-sim' })`). Nothing logged ever holds a full card number, track data,
 * PIN block or ICC data: only masked PANs.
 */
export interface ChannelLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

const nothing = () => {};

export const silentLogger: ChannelLogger = { debug: nothing, info: nothing, warn: nothing, error: nothing };
