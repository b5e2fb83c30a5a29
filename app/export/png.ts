/**
 * An SVG picture drawn to a canvas and read back as PNG bytes, for documents that take no SVG.
 * The SVG is loaded as an image from a blob URL (allowed by the page's img-src), so nothing in it
 * can run; the canvas is twice the picture's size for sharp text.
 */
const SCALE = 2;

export async function svgToPng(svg: string): Promise<Uint8Array> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.naturalWidth * SCALE));
    canvas.height = Math.max(1, Math.round(image.naturalHeight * SCALE));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw to a canvas');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the browser could not make the PNG');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
