import type { EnvironmentDefinition } from '../../config';
import type { ScheduleStore } from '../../database/ScheduleStore';
import type { ImageService } from '../ImageService/createImageService';
import type { OwnerNotifier } from '../OwnerNotifier/createOwnerNotifier';

const DAY_MS = 24 * 3_600_000;

/**
 * Tells the owners once per newest tag when a bumpable image is pinned
 * behind a newer image that has been in ECR for more than
 * `notify.pinnedBehindDays` days. Image reads go through the image
 * service's cache, so this adds no upstream load per tick.
 */
export async function watchImages(
  deps: {
    store: ScheduleStore;
    images: Pick<ImageService, 'getImages'>;
    notifier: OwnerNotifier;
  },
  d: EnvironmentDefinition,
  now: Date,
): Promise<void> {
  const days = d.notify.pinnedBehindDays;
  if (!(days > 0) || !d.images.some(i => i.tagPattern)) return;
  const { images } = await deps.images.getImages(d);
  for (const image of images) {
    const { pinned, newest } = image;
    if (!image.bumpable || image.upToDate !== false || !pinned || !newest) {
      continue;
    }
    const waiting = now.getTime() - Date.parse(newest.pushedAt);
    if (!(waiting > days * DAY_MS)) continue;
    const key = `pinned-behind:${image.name}:${newest.tag}`;
    if (!(await deps.store.claimNotification(d.name, key, now))) continue;
    await deps.notifier.notify(d, 'pinned-behind', {
      title: `${d.title}: ${image.name} is ${Math.floor(
        waiting / DAY_MS,
      )} days behind`,
      description: `${d.title} pins ${pinned.tag}; ${
        newest.tag
      } has been in ECR since ${newest.pushedAt}${
        image.commitsBehind !== undefined
          ? ` (${image.commitsBehind} commits)`
          : ''
      }. Bump it from the Environment tab.`,
    });
  }
}
