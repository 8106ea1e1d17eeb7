//! Propriétés sur des entrées aléatoires (proptest) : le lecteur CSV ne panique sur aucun
//! octet et relit à l'identique ce que `csv::ecrire` écrit ; les dates se relisent ; les
//! contrôles UAI et SIRET ne paniquent jamais et acceptent toute clé bien calculée.

use passerelle_core::annuaire::validation;
use passerelle_core::{csv, dates, tableur};
use proptest::prelude::*;

/// Peu de cas : la suite reste rapide, et proptest réduit tout contre-exemple trouvé.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

/// Une cellule : lettres, accents, séparateurs, guillemets, retours à la ligne, apostrophes et
/// débuts de formule. Sans CR, que la lecture ramène à « \n » comme toute fin de ligne.
fn cellule() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "a", "É", "ç", " ", ";", ",", "\t", "\"", "\n", "'", "=", "+", "-", "@", "1", ".",
        ]),
        0..8,
    )
    .prop_map(|v| v.concat())
}

/// Un tableau écrit par Passerelle : un en-tête aux noms non vides, puis des lignes de même
/// largeur dont au moins une cellule n'est pas blanche (les lignes blanches sont sautées).
fn tableau() -> impl Strategy<Value = Vec<Vec<String>>> {
    (1usize..5).prop_flat_map(|largeur| {
        let entete = prop::collection::vec("[a-z]{1,6}", largeur);
        let ligne = prop::collection::vec(cellule(), largeur)
            .prop_filter("ligne blanche", |l| l.iter().any(|c| !c.trim().is_empty()));
        (entete, prop::collection::vec(ligne, 1..6)).prop_map(|(e, mut l)| {
            l.insert(0, e);
            l
        })
    })
}

/// Le code UAI de `n` (7 chiffres) avec sa bonne lettre clé.
fn uai_valide(n: u32) -> String {
    const LETTRES: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
    format!("{n:07}{}", LETTRES[(n % 23) as usize] as char)
}

/// Le SIRET de 13 chiffres complété de sa clé de Luhn.
fn siret_valide(debut: &[u8]) -> String {
    let somme = |chiffres: &[u8]| -> u32 {
        chiffres
            .iter()
            .rev()
            .enumerate()
            .map(|(i, &c)| {
                let c = u32::from(c);
                if i % 2 == 1 {
                    if c * 2 > 9 {
                        c * 2 - 9
                    } else {
                        c * 2
                    }
                } else {
                    c
                }
            })
            .sum()
    };
    let mut tout = debut.to_vec();
    tout.push(0);
    let cle = (10 - somme(&tout) % 10) % 10;
    tout.pop();
    tout.push(cle as u8);
    tout.iter().map(|c| char::from(b'0' + c)).collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn lecture_sans_panique_sur_des_octets_quelconques(octets in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = csv::lire(&octets);
        let _ = tableur::lire(&octets);
    }

    #[test]
    fn lecture_sans_panique_sur_du_presque_csv(
        morceaux in prop::collection::vec(
            prop::sample::select(vec!["a", ";", ",", "\t", "\"", "\n", "\r", "\r\n", "sep=", "'=", "\u{feff}", "é", "\0"]),
            0..60,
        )
    ) {
        let _ = csv::lire(morceaux.concat().as_bytes());
    }

    #[test]
    fn ecrit_puis_relu_a_l_identique(t in tableau()) {
        let relu = csv::lire(csv::ecrire(&t).as_bytes()).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&relu.entetes, &t[0]);
        let lignes: Vec<Vec<String>> = relu.lignes.into_iter().map(|l| l.valeurs).collect();
        prop_assert_eq!(&lignes[..], &t[1..]);
    }

    #[test]
    fn dates_sans_panique(saisie in "\\PC{0,20}") {
        let _ = dates::lire(&saisie);
        let _ = dates::lire_facultative(&saisie);
        let _ = dates::lire_annee_scolaire(&saisie);
    }

    #[test]
    fn dates_valides_relues(jours in 0u64..(301 * 366)) {
        let debut = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
        let d = debut.checked_add_days(chrono::Days::new(jours)).unwrap();
        prop_assume!(d <= chrono::NaiveDate::from_ymd_opt(2200, 12, 31).unwrap());
        prop_assert_eq!(dates::lire(&dates::francaise(d)), Ok(d));
        prop_assert_eq!(dates::lire(&dates::iso(d)), Ok(d));
    }

    #[test]
    fn uai_et_siret_sans_panique(saisie in "\\PC{0,20}") {
        let _ = validation::uai(&saisie);
        let _ = validation::siret(&saisie);
    }

    #[test]
    fn uai_bien_calcules_acceptes(n in 0u32..10_000_000) {
        let code = uai_valide(n);
        prop_assert_eq!(validation::uai(&code.to_lowercase()), Ok(code));
    }

    #[test]
    fn siret_bien_calcules_acceptes(debut in prop::collection::vec(0u8..10, 13)) {
        let siret = siret_valide(&debut);
        // La Poste suit sa propre règle : hors de ce générateur.
        prop_assume!(!siret.starts_with("356000000"));
        let espace = format!("{} {} {} {}", &siret[..3], &siret[3..6], &siret[6..9], &siret[9..]);
        prop_assert_eq!(validation::siret(&espace), Ok(Some(siret)));
    }
}
