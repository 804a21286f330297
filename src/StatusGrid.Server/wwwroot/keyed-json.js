// JSON GETs with the key the user types into the page's #key-dialog (sent as X-Api-Key), asking again on 401.
// Shared by the map and the operations view. One prompt at a time: a page sends several requests at once, and a 401
// for a request sent with an older key (or none) while the user was typing retries with the key now known instead of
// opening the dialog a second time, where the page would wait forever (the CI failure of stop 41).
"use strict";
window.sgKeyedJson = function (storageKey) {
  let key = sessionStorage.getItem(storageKey);
  let asking = null;

  function ask() {
    asking ??= new Promise(resolve => {
      const dialog = document.getElementById("key-dialog");
      dialog.addEventListener("close", () => {
        key = document.getElementById("key-input").value;
        sessionStorage.setItem(storageKey, key);
        asking = null;
        resolve();
      }, { once: true });
      dialog.showModal();
    });
    return asking;
  }

  async function getJson(url) {
    const sent = key;
    const response = await fetch(url, { headers: sent ? { "X-Api-Key": sent } : {} });
    if (response.status === 401) {
      if (key === sent) {
        sessionStorage.removeItem(storageKey);
        await ask();
      }
      return getJson(url);
    }
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  }

  return {
    getJson,
    key: () => key,
    /** Asks up front when the page knows it needs a key and none is stored. */
    ensureKey: () => (key ? Promise.resolve() : ask()),
  };
};
