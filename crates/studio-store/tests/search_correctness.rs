//! Search finds exactly what a brute-force scan of the same corpus finds.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use studio_core::search::{is_cjk, Query};
use studio_core::{DraftPatch, NewDraft};
use studio_store::Store;

const HANZI: &str = "春日咖啡新品上市周末探店老街面馆排队半小时值不值今天第一杯拿铁云南保山豆子的了是在我有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴";
const WORDS: &[&str] =
    &["coffee", "latte", "spring", "street", "noodle", "shop", "weekend", "market", "new", "cafe", "art", "review"];

fn corpus(rng: &mut StdRng, n: usize) -> Vec<(String, String)> {
    let hanzi: Vec<char> = HANZI.chars().collect();
    let piece = |rng: &mut StdRng, len: usize| -> String {
        let mut s = String::new();
        for _ in 0..len {
            match rng.gen_range(0..10) {
                0..=5 => s.push(hanzi[rng.gen_range(0..40.min(hanzi.len()))]),
                6 => s.push(hanzi[rng.gen_range(0..hanzi.len())]),
                7 => {
                    s.push(' ');
                    s.push_str(WORDS[rng.gen_range(0..WORDS.len())]);
                    s.push(' ');
                }
                8 => s.push_str(["，", "。", "！", " ", "\n", "#"][rng.gen_range(0..6)]),
                _ => s.push(hanzi[rng.gen_range(0..200.min(hanzi.len()))]),
            }
        }
        s
    };
    (0..n)
        .map(|_| {
            let tl = rng.gen_range(0..15);
            let bl = rng.gen_range(0..120);
            (piece(rng, tl), piece(rng, bl))
        })
        .collect()
}

/// The slow, obviously right answer.
fn brute_force(corpus: &[(i64, String, String)], query: &str) -> Vec<i64> {
    let cjk_query = query.chars().all(is_cjk);
    let mut ids: Vec<i64> = corpus
        .iter()
        .filter(|(_, title, body)| {
            if cjk_query {
                title.contains(query) || body.contains(query)
            } else {
                let q = query.to_lowercase();
                [title, body].iter().any(|text| {
                    text.to_lowercase().split(|c: char| !c.is_alphanumeric() || is_cjk(c)).any(|w| w.starts_with(&q))
                })
            }
        })
        .map(|(id, _, _)| *id)
        .collect();
    ids.sort_unstable();
    ids
}

#[tokio::test(flavor = "multi_thread")]
async fn search_equals_a_brute_force_scan_for_chinese_of_every_length_and_english() {
    let seed: u64 = std::env::var("SEARCH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(rand::random);
    eprintln!("SEARCH_SEED={seed}");
    let mut rng = StdRng::seed_from_u64(seed);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let mut rows = Vec::new();
    for (i, (title, body)) in corpus(&mut rng, 1500).into_iter().enumerate() {
        let d = store
            .insert_draft(&NewDraft { kind: None, title: title.clone(), body: body.clone() }, i as i64)
            .await
            .unwrap();
        rows.push((d.id, title, body));
    }

    let mut queries: Vec<String> = Vec::new();
    for len in [1usize, 2, 3, 5] {
        for _ in 0..25 {
            // Cut queries out of real text so many have hits; some have none.
            let (_, title, body) = &rows[rng.gen_range(0..rows.len())];
            let text: Vec<char> = format!("{title}{body}").chars().collect();
            let runs: Vec<usize> =
                (0..text.len().saturating_sub(len)).filter(|&i| text[i..i + len].iter().all(|&c| is_cjk(c))).collect();
            if let Some(&start) = runs.get(rng.gen_range(0..runs.len().max(1))) {
                queries.push(text[start..start + len].iter().collect());
            }
        }
    }
    queries.extend(["coffee", "lat", "Spring", "s", "noodles", "zzz", "revi"].map(String::from));

    for q in &queries {
        let mut found = store.search_drafts(&Query::parse(q), u32::MAX).await.unwrap();
        found.sort_unstable();
        assert_eq!(found, brute_force(&rows, q), "query {q:?} (SEARCH_SEED={seed})");
    }

    // Saves leave their search entries to upkeep; a search right after them
    // still sees exactly the saved text.
    for (i, (title, body)) in corpus(&mut rng, 100).into_iter().enumerate() {
        let row = rng.gen_range(0..rows.len());
        let patch = DraftPatch { title: Some(title.clone()), body: Some(body.clone()), ..Default::default() };
        store.update_draft(rows[row].0, &patch, 10_000 + i as i64).await.unwrap();
        rows[row] = (rows[row].0, title, body);
    }
    for q in &queries {
        let mut found = store.search_drafts(&Query::parse(q), u32::MAX).await.unwrap();
        found.sort_unstable();
        assert_eq!(found, brute_force(&rows, q), "query {q:?} after edits (SEARCH_SEED={seed})");
    }
}
