// The gunicorn hook that keeps a preloaded app's pages shared with the workers: the gunicorn.conf.py tune
// writes and the config calibrate measures with carry the same text.
export const GC_FREEZE_HOOK = [
  'def when_ready(server):',
  '    # Move everything the preloaded app allocated out of the collector\'s reach, so the first',
  '    # collections in each worker do not write to (and un-share) the pages inherited from the master.',
  '    gc.freeze()',
];

