import type { TestProject } from 'vitest/node';

/**
 * Global setup of the end-to-end project: builds the console, starts a server on its own database
 * and provides its URL to the journeys. Not written yet: with no journeys there is nothing to start.
 */
export default async function setup(_project: TestProject): Promise<void | (() => Promise<void>)> {}
