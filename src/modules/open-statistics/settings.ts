import { z } from 'zod';

// Deployment settings of the open statistics, read from the environment like src/config.ts.
const settingsSchema = z.object({
  // Counts from 1 to threshold − 1 are hidden. Below 3 a count could single a person out; 10 is the
  // usual threshold of Japanese official statistics on small areas.
  OPEN_STATISTICS_THRESHOLD: z.coerce.number().int().min(3).max(1000).default(10),
  // The published figures are refreshed this often: a public page read by anyone (and crawled) must not
  // sum the national counters on every request.
  OPEN_STATISTICS_REFRESH_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
});

export interface OpenStatisticsSettings {
  threshold: number;
  refreshSeconds: number;
}

export function openStatisticsSettings(env: NodeJS.ProcessEnv = process.env): OpenStatisticsSettings {
  const parsed = settingsSchema.parse(env);
  return { threshold: parsed.OPEN_STATISTICS_THRESHOLD, refreshSeconds: parsed.OPEN_STATISTICS_REFRESH_SECONDS };
}
