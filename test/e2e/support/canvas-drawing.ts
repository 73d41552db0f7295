// What a chart.js canvas holds, read inside the page. Tests compile without DOM types, so the page
// side reaches the canvas API through Reflect.
import type { Locator } from '@playwright/test';

export interface CanvasDrawing {
  width: number;
  height: number;
  /** Pixels with any opacity: chart.js draws on a transparent canvas, so 0 means nothing was drawn. */
  paintedPixels: number;
}

export function canvasDrawing(canvas: Locator): Promise<CanvasDrawing> {
  return canvas.evaluate((element: unknown) => {
    if (typeof element !== 'object' || element === null) throw new Error('not a canvas');
    const width: unknown = Reflect.get(element, 'width');
    const height: unknown = Reflect.get(element, 'height');
    if (typeof width !== 'number' || typeof height !== 'number') throw new Error('not a canvas');
    const getContext: unknown = Reflect.get(element, 'getContext');
    if (typeof getContext !== 'function') throw new Error('not a canvas');
    const context: unknown = Reflect.apply(getContext, element, ['2d']);
    if (width === 0 || height === 0 || typeof context !== 'object' || context === null) return { width, height, paintedPixels: 0 };
    const getImageData: unknown = Reflect.get(context, 'getImageData');
    if (typeof getImageData !== 'function') throw new Error('the canvas has no 2d context');
    const image: unknown = Reflect.apply(getImageData, context, [0, 0, width, height]);
    const data: unknown = typeof image === 'object' && image !== null ? Reflect.get(image, 'data') : null;
    if (!(data instanceof Uint8ClampedArray)) throw new Error('the canvas returned no pixels');
    let paintedPixels = 0;
    for (let alpha = 3; alpha < data.length; alpha += 4) if ((data[alpha] ?? 0) > 0) paintedPixels += 1;
    return { width, height, paintedPixels };
  });
}
