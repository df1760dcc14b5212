/* Starts Wagtail's widgets that Wagtail itself starts with inline scripts, so the admin's
 * Content-Security-Policy can forbid those (achyk/ui/admin_scripts.py).
 *
 * A carrier, <template data-achyk-init="CALL" data-achyk-id="..." data-achyk-options="{...}">,
 * names one of CALLS; it is run once, and removed, as soon as it enters the page: while the
 * page is read, in HTML that Wagtail's scripts insert (a chooser's modal, a bulk upload's
 * form), and at once in the row an inline panel adds (`w-formset:added`), where Wagtail reads
 * the row's widgets before it returns. */
(() => {
  "use strict";

  const SELECTOR = "template[data-achyk-init]";

  /* Only Wagtail's chooser classes may be built by name: functions whose instances open a
   * chooser's modal (each chooser script brings its own copy of Wagtail's Chooser class). */
  function chooserClass(name) {
    const found = Object.prototype.hasOwnProperty.call(window, name) ? window[name] : null;
    const proto = typeof found === "function" ? found.prototype : null;
    const isChooser =
      proto &&
      typeof proto.openChooserModal === "function" &&
      typeof proto.getStateFromHTML === "function";
    return isChooser ? found : null;
  }

  /* The picker of a date field opens 100 ms after the field gets the focus. It must not open
   * once the focus has moved on (a fast typist's Tab left pickers open over the next fields)
   * or after Escape closed it, until the field is clicked again; a pick closes it. */
  function mayShow(time, $input) {
    const field = $input && $input[0];
    return !!field && document.activeElement === field && field.dataset.pickerDismissed !== "1";
  }
  const PICKER = { closeOnDateSelect: true, closeOnTimeSelect: true, onShow: mayShow };

  const CALLS = {
    date: (id, options) => window.initDateChooser(id, { ...options, ...PICKER }),
    time: (id, options) => window.initTimeChooser(id, { ...options, ...PICKER }),
    datetime: (id, options) =>
      window.initDateTimeChooser(id, { ...options, ...PICKER, closeOnDateSelect: false }),
    "inline-panel": (id, options) => new window.InlinePanel(options),
    "multiple-chooser-panel": (id, options) => new window.MultipleChooserPanel(options),
    "task-chooser": (id) => window.createTaskChooser(id),
    chooser: (id, options, constructor) => {
      const Chooser = chooserClass(constructor);
      if (!Chooser) throw new Error(`not a chooser: ${constructor}`);
      return new Chooser(id, options);
    },
  };

  function run(carrier) {
    if (!carrier.isConnected || !carrier.hasAttribute("data-achyk-init")) return;
    const { achykInit: call, achykId: id, achykOptions: options, achykConstructor: constructor } =
      carrier.dataset;
    carrier.remove(); // once: a row moved up or down must not be started again
    if (!Object.prototype.hasOwnProperty.call(CALLS, call)) {
      throw new Error(`unknown call: ${call}`);
    }
    CALLS[call](id || "", JSON.parse(options || "{}"), constructor || "");
  }

  /* A carrier that fails is reported like an uncaught error; the others still run. */
  function runReporting(carrier) {
    try {
      run(carrier);
    } catch (error) {
      window.reportError(error);
    }
  }

  /* jQuery runs each <script src> of the HTML it inserts (a modal's form media) by fetching it
   * and running its text as inline code, which the policy forbids. Such a script is loaded as
   * a script element instead, unless the page has it already, and carriers wait for it. */
  const loaded = new Set();
  let loading = Promise.resolve();
  let waiting = 0;

  function loadScript(url) {
    const src = new URL(url, document.baseURI).href;
    if (loaded.has(src)) return;
    loaded.add(src);
    const script = document.createElement("script");
    script.src = src;
    script.async = false;
    waiting += 1;
    const done = new Promise((resolve) => {
      script.addEventListener("load", resolve);
      script.addEventListener("error", resolve);
    });
    loading = loading.then(() => done).then(() => {
      waiting -= 1;
    });
    document.head.append(script);
  }

  function runWhenLoaded(carrier) {
    if (waiting) loading.then(() => runReporting(carrier));
    else runReporting(carrier);
  }

  function runWithin(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (node.matches(SELECTOR)) {
      runWhenLoaded(node);
      return;
    }
    node.querySelectorAll(SELECTOR).forEach(runWhenLoaded);
  }

  new MutationObserver((records) => {
    records.forEach((record) => record.addedNodes.forEach(runWithin));
  }).observe(document, { childList: true, subtree: true });

  /* Escape closes the picker of the field being typed in (it closed on Tab only). */
  document.addEventListener("keydown", (event) => {
    const field = event.target;
    if (event.key !== "Escape" || !window.jQuery) return;
    if (!(field instanceof HTMLInputElement)) return;
    const $field = window.jQuery(field);
    if (!$field.data("xdsoft_datetimepicker")) return;
    field.dataset.pickerDismissed = "1";
    $field.datetimepicker("hide");
  });
  document.addEventListener("mousedown", (event) => {
    const field = event.target;
    if (field instanceof HTMLInputElement) delete field.dataset.pickerDismissed;
  }, true);
  document.addEventListener("focusout", (event) => {
    const field = event.target;
    if (field instanceof HTMLInputElement) delete field.dataset.pickerDismissed;
  });
  document.addEventListener("w-formset:added", (event) => runWithin(event.target));
  document.addEventListener("DOMContentLoaded", () => {
    Array.from(document.scripts, (script) => script.src && loaded.add(script.src));
    runWithin(document.documentElement);
  });
  if (window.jQuery) window.jQuery._evalUrl = loadScript;
})();
