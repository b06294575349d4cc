package serve

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// findChromium returns the path of a Chromium (or Chrome) binary, or "" when there is none.
// Without one the browser tests skip, except in CI (STORYLINE_CI=1), where they fail.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("STORYLINE_CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("STORYLINE_CI") == "1" {
		t.Fatal("no Chromium found, and STORYLINE_CI=1 requires the browser tests: apt-get install chromium")
	}
	t.Skip("no Chromium found (apt-get install chromium): skipping the browser tests")
	return ""
}

// screenshotDir is where screenshots go: $STORYLINE_SCREENSHOTS, or the test's temporary folder.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("STORYLINE_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// TestBrowser drives the web page in headless Chromium: the stories list, a search in English
// that must find an Arabic-only article, a story with its timeline and its articles side by side
// by language, an Arabic article shown right to left, an entity page, and an article of hostile
// content whose markup must stay text and whose script must never run.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	chromium := findChromium(t)
	_, base := newTestServer(t, Config{})
	shots := screenshotDir(t)
	f := fixture

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	// The first run starts the browser; it must not carry a timeout (see chromedp.Run).
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}

	// step runs browser actions with a deadline.
	step := func(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, scancel := context.WithTimeout(ctx, 30*time.Second)
		defer scancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(t *testing.T, js string) any {
		t.Helper()
		sctx, scancel := context.WithTimeout(ctx, 30*time.Second)
		defer scancel()
		v, err := chromedp.Run(sctx, chromedp.Evaluate[any](js))
		if err != nil {
			t.Fatalf("evaluating %s: %v", js, err)
		}
		return v
	}
	shot := func(t *testing.T, name string) {
		t.Helper()
		sctx, scancel := context.WithTimeout(ctx, 30*time.Second)
		defer scancel()
		png, err := chromedp.Run(sctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		p := filepath.Join(shots, name)
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	}
	pwned := func(t *testing.T) {
		t.Helper()
		if v := eval(t, `typeof window.__pwned === 'undefined' ? 'clean' : String(window.__pwned)`); v != "clean" {
			t.Fatalf("hostile article content ran as script: window.__pwned = %v", v)
		}
	}

	t.Run("stories", func(t *testing.T) {
		step(t, "load the page", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(".story-card")))
		n := eval(t, `document.querySelectorAll('#latest .story-card').length`)
		if n.(float64) < 3 {
			t.Errorf("%v stories listed, want at least 3", n)
		}
		if v := eval(t, `getComputedStyle(document.querySelector('.story-title[lang=ar]')).direction`); v != "rtl" {
			t.Errorf("an Arabic story title is laid out %v, want rtl", v)
		}
		shot(t, "stories.png")
	})

	t.Run("search in English finds an Arabic-only article", func(t *testing.T) {
		step(t, "search", chromedp.Navigate(base+"/#/"), chromedp.WaitVisible(chromedp.CSS(".story-card")),
			chromedp.SendKeys(chromedp.CSS("#search-box"), "Lavrov Cairo"),
			chromedp.Click(chromedp.CSS("#search-form button")),
			chromedp.WaitVisible(chromedp.CSS(".hit")))
		hits := eval(t, `Array.from(document.querySelectorAll('.hit')).map(e => e.dataset.id + ' ' + e.dataset.lang + ' ' + getComputedStyle(e).direction).join(',')`).(string)
		first := strings.Split(hits, ",")[0]
		if first != f.arCairo+" ar rtl" {
			t.Errorf("hits %q: want the Arabic-only Cairo report %s first, right to left", hits, f.arCairo)
		}
		if v := eval(t, `document.querySelector('.understood').textContent`).(string); !strings.Contains(v, "لافروف") || !strings.Contains(v, "Cairo") {
			t.Errorf("the page does not say how it understood the query: %q", v)
		}
		shot(t, "search-en-finds-ar.png")
		// and the reverse: an Arabic query finds English coverage
		step(t, "Arabic search", chromedp.Navigate(base+"/#/search?q="+url.QueryEscape("الصفدي اللاجئين")+"&lang=en"),
			chromedp.WaitVisible(chromedp.CSS(".hit[data-lang=en]")))
	})

	t.Run("story", func(t *testing.T) {
		step(t, "open a story", chromedp.Navigate(base+"/#/"), chromedp.WaitVisible(chromedp.CSS(".story-card")),
			chromedp.Click(chromedp.CSS(`.story-card[data-id="st-`+f.enMoscow+`"] a`)),
			chromedp.WaitVisible(chromedp.CSS("#story-timeline svg circle")),
			chromedp.WaitVisible(chromedp.CSS(`.lang-col[data-lang="ar"] .article-item`)))
		if v := eval(t, `getComputedStyle(document.querySelector('.lang-col[data-lang="ar"]')).direction`); v != "rtl" {
			t.Errorf("the Arabic column is laid out %v, want rtl", v)
		}
		if v := eval(t, `document.querySelectorAll('.lang-col').length`); v.(float64) != 2 {
			t.Errorf("%v language columns, want English and Arabic side by side", v)
		}
		shot(t, "story.png")
	})

	t.Run("Arabic article", func(t *testing.T) {
		step(t, "open the Arabic article", chromedp.Navigate(base+"/#/article/"+f.arMoscow),
			chromedp.WaitVisible(chromedp.CSS("#article-body .ent")), chromedp.WaitVisible(chromedp.CSS("#related li")))
		if v := eval(t, `getComputedStyle(document.getElementById('article-body')).direction`); v != "rtl" {
			t.Errorf("the Arabic body is laid out %v, want rtl", v)
		}
		// Highlights are cut at the right characters: each entity link's text is a mention.
		if v := eval(t, `Array.from(document.querySelectorAll('#article-body .ent')).map(e => e.textContent).join('|')`).(string); !strings.Contains(v, "لافروف") || !strings.Contains(v, "موسكو") {
			t.Errorf("entity highlights %q", v)
		}
		shot(t, "article-ar.png")
	})

	t.Run("entity", func(t *testing.T) {
		step(t, "open an entity", chromedp.Navigate(base+"/#/entity/person:sergey-lavrov"),
			chromedp.WaitVisible(chromedp.CSS("#entity-graph svg circle")))
		if v := eval(t, `document.querySelector('.variants').textContent`).(string); !strings.Contains(v, "لافروف") || !strings.Contains(v, "Lavrov") {
			t.Errorf("variants across scripts: %q", v)
		}
		shot(t, "entity.png")
	})

	t.Run("hostile content stays text", func(t *testing.T) {
		step(t, "open the hostile article", chromedp.Navigate(base+"/#/article/"+f.hostile),
			chromedp.WaitVisible(chromedp.CSS("#article-title")), chromedp.WaitVisible(chromedp.CSS("#related li")))
		pwned(t)
		if v := eval(t, `document.getElementById('article-title').textContent`).(string); !strings.Contains(v, `<img src=x onerror="window.__pwned=1">`) {
			t.Errorf("the title's markup is not shown as text: %q", v)
		}
		if v := eval(t, `document.querySelectorAll('main img, main script, main iframe, main [onerror], main [onmouseover], a[href^="javascript"]').length`); v.(float64) != 0 {
			t.Errorf("%v elements made from the article's markup", v)
		}
		if v := eval(t, `document.body.textContent.includes('window.__pwned=5') && document.querySelectorAll('.bidi-ctl').length > 0`); v != true {
			t.Errorf("the body text or its bidi control markers are missing")
		}
		shot(t, "hostile.png")
		step(t, "search for it", chromedp.Navigate(base+"/#/search?q=hostile+markup"), chromedp.WaitVisible(chromedp.CSS(".hit")))
		pwned(t)
		step(t, "its story", chromedp.Navigate(base+"/#/story/st-"+f.hostile), chromedp.WaitVisible(chromedp.CSS("#story-timeline svg")))
		pwned(t)
	})
}
