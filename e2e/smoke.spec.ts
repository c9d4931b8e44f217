import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';

const output = resolve(__dirname, '..', 'test-output');

test('a guest signs in and opens the prod environment page', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  await page.goto('/catalog/default/resource/prod');
  await expect(
    page.getByRole('heading', { name: 'Production', level: 1 }),
  ).toBeVisible();
  // The About card: its owner and its type, straight from catalog-info.yaml.
  await expect(
    page.getByRole('link', { name: 'Platform team' }).first(),
  ).toBeVisible();
  await expect(
    page.getByText('environment', { exact: true }).first(),
  ).toBeVisible();

  await page.screenshot({
    path: resolve(output, 'smoke-prod-resource.png'),
    fullPage: true,
  });
});
