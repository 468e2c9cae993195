// One JSON document: the whole recommendation, settings under the server's own names.
import type { Renderer } from './types.js';

export const renderJson: Renderer = (rec) => {
  const { input, server, workerClass, settings, memory, capacity, database, rationale, warnings } = rec;
  const doc = { input, server, workerClass, settings, memory, capacity, ...(database ? { database } : {}), rationale, warnings };
  return JSON.stringify(doc, null, 2) + '\n';
};
