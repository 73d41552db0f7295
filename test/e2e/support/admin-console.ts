// The admin console from a test's side: opening it from the masthead, and choosing products whose
// next rate can be published on a given date, read through the app's own desktop API.
import { expect, type Page } from '@playwright/test';
import { z } from 'zod';
import { Product } from '../../../src-shared/catalog.js';
import { ProductDetailView, desktopResultSchema } from '../../../src-shared/desktop-api/index.js';
import { callDesktopApi, valueOf } from './desktop-api-page.js';
import { businessDate } from '../../../src-shared/dates.js';

const ProductList = desktopResultSchema(z.array(Product));
const DetailResult = desktopResultSchema(ProductDetailView.nullable());

/** Today's business date (New York's, YYYY-MM-DD), as the app and the server compute "today" wherever the laptop is. */
export function businessToday(): string {
  return businessDate(new Date(), 'America/New_York');
}

export async function productDetail(page: Page, productId: string): Promise<ProductDetailView> {
  const detail = valueOf(DetailResult.parse(await callDesktopApi(page, 'productDetail', { productId })));
  if (detail === null) throw new Error(`product ${productId} is not in the local catalog`);
  return detail;
}

/**
 * Active products with a rate in force whose latest publication takes effect before `date`, so a
 * rate effective on `date` can be published for each; `skip` leaves out products another test used.
 */
export async function publishableProducts(page: Page, date: string, count: number, skip: readonly string[] = []): Promise<ProductDetailView[]> {
  const products = valueOf(ProductList.parse(await callDesktopApi(page, 'catalogList', { sort: 'name', limit: 1000 })));
  const chosen: ProductDetailView[] = [];
  for (const product of products) {
    if (chosen.length === count) break;
    if (!product.isActive || skip.includes(product.productId)) continue;
    const detail = await productDetail(page, product.productId);
    const latest = detail.rates.filter((rate) => rate.isActive).reduce<string>((max, rate) => (rate.effectiveDate > max ? rate.effectiveDate : max), '');
    if (detail.rateInForce !== null && latest < date) chosen.push(detail);
  }
  if (chosen.length < count) throw new Error(`only ${chosen.length} products can take a rate on ${date}`);
  return chosen;
}

/** Clicks "Admin" in the masthead and waits for the console's first screen. */
export async function openAdmin(page: Page, firstScreen: string): Promise<void> {
  await page.getByTestId('admin-nav').click();
  await expect(page.getByRole('heading', { level: 1, name: firstScreen })).toBeVisible();
}
