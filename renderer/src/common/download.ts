/** Saves data as a file through the browser's download (works in Electron and browser mode). */

/** Offers `blob` as a download named `name`. */
export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  saveUrl(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offers what a same-origin URL serves (a blob, or a route such as a report's download) as `name`. */
export function saveUrl(name: string, url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Offers base64-encoded bytes (as the API returns files) as a download. */
export function saveBase64(name: string, base64: string, type = 'application/octet-stream'): void {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  saveBlob(name, new Blob([bytes], { type }));
}
