//! Petits outils de texte partagés : recherche sans accents ni casse, nettoyage des saisies.

/// Forme de recherche : minuscules, sans accents ni ligatures, espaces réduits.
/// Sert à la clé de recherche enregistrée avec chaque fiche, à la fonction SQL `normaliser`
/// et à la requête tapée par l'utilisateur.
pub fn normaliser(s: &str) -> String {
    let mut sortie = String::with_capacity(s.len());
    let mut espace = true; // pas d'espace en tête
    for c in s.chars() {
        if c.is_ascii() {
            // Chemin rapide : l'immense majorité des caractères.
            if c.is_ascii_whitespace() {
                if !espace {
                    sortie.push(' ');
                }
                espace = true;
            } else {
                sortie.push(c.to_ascii_lowercase());
                espace = false;
            }
            continue;
        }
        for m in c.to_lowercase() {
            let remplacement: &str = match m {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
                'ç' => "c",
                'è' | 'é' | 'ê' | 'ë' => "e",
                'ì' | 'í' | 'î' | 'ï' => "i",
                'ñ' => "n",
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' => "o",
                'ù' | 'ú' | 'û' | 'ü' => "u",
                'ý' | 'ÿ' => "y",
                'œ' => "oe",
                'æ' => "ae",
                '\u{2019}' | '\u{2018}' => "'",
                '\u{2010}'..='\u{2015}' => "-",
                _ if m.is_whitespace() => " ",
                _ => {
                    sortie.push(m);
                    espace = false;
                    continue;
                }
            };
            if remplacement == " " {
                if !espace {
                    sortie.push(' ');
                }
                espace = true;
            } else {
                sortie.push_str(remplacement);
                espace = false;
            }
        }
    }
    if sortie.ends_with(' ') {
        sortie.pop();
    }
    sortie
}

/// Clé de recherche d'une fiche : ses champs utiles, normalisés, bout à bout.
pub fn cle_recherche(champs: &[&str]) -> String {
    normaliser(&champs.join(" "))
}

/// Espace fine insécable qui sépare les milliers : « 222 471 ».
pub const SEPARATEUR_MILLIERS: char = '\u{202f}';

/// Entier à la française : 222 471.
pub fn nombre(n: i64) -> String {
    let chiffres = n.unsigned_abs().to_string();
    let mut sortie = String::new();
    for (i, c) in chiffres.chars().enumerate() {
        if i > 0 && (chiffres.len() - i).is_multiple_of(3) {
            sortie.push(SEPARATEUR_MILLIERS);
        }
        sortie.push(c);
    }
    if n < 0 {
        format!("-{sortie}")
    } else {
        sortie
    }
}

/// Décimal à une décimale, virgule française : 639,8.
pub fn decimal1(x: f64) -> String {
    let dixiemes = (x * 10.0).round() as i64;
    format!("{},{}", nombre(dixiemes / 10), (dixiemes % 10).abs())
}

/// `s` sur une seule ligne : retours à la ligne, tabulations et espaces répétés ramenés à un
/// espace, rien autour.
pub fn sur_une_ligne(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Une saisie libre, sans espaces autour.
pub fn nettoyer(s: &str) -> String {
    s.trim().to_string()
}

/// Une saisie obligatoire : refusée si vide, avec le libellé du champ dans le message.
pub fn obligatoire(libelle: &str, valeur: &str) -> Result<String, String> {
    let v = nettoyer(valeur);
    if v.is_empty() {
        return Err(format!("{libelle} est obligatoire."));
    }
    Ok(v)
}

/// Une saisie facultative : `None` si vide.
pub fn facultatif(valeur: Option<&str>) -> Option<String> {
    valeur.map(nettoyer).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_accents_casse_et_espaces() {
        assert_eq!(normaliser("  Lycée  Émile-ZOLA "), "lycee emile-zola");
        assert_eq!(normaliser("Cœur d’Œuvre"), "coeur d'oeuvre");
        assert_eq!(normaliser("ÇA Î Ù"), "ca i u");
        assert_eq!(
            normaliser("\u{a0}Lycée\u{a0}\u{a0}Pasteur\t"),
            "lycee pasteur"
        );
        assert_eq!(
            cle_recherche(&["0620057A", "Lycée Émile-Zola", ""]),
            "0620057a lycee emile-zola"
        );
    }

    #[test]
    fn nombres_a_la_francaise() {
        assert_eq!(nombre(222_471).replace(SEPARATEUR_MILLIERS, " "), "222 471");
        assert_eq!(nombre(2008).replace(SEPARATEUR_MILLIERS, " "), "2 008");
        assert_eq!(nombre(444), "444");
        assert_eq!(
            nombre(1_000_000).replace(SEPARATEUR_MILLIERS, " "),
            "1 000 000"
        );
        assert_eq!(decimal1(639.8), "639,8");
        assert_eq!(decimal1(12.0), "12,0");
    }

    #[test]
    fn obligatoire_refuse_le_vide() {
        assert_eq!(
            obligatoire("Le nom", "   ").unwrap_err(),
            "Le nom est obligatoire."
        );
        assert_eq!(obligatoire("Le nom", " X ").unwrap(), "X");
    }
}
