// Copies text to the clipboard for the hooks and webhooks pages (a module: the CSP allows no inline script).
export async function copy(text) {
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        return false;
    }
}
