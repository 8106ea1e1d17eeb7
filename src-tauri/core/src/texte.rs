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
        assert_eq!(normaliser("\u{a0}Lycée\u{a0}\u{a0}Pasteur\t"), "lycee pasteur");
        assert_eq!(cle_recherche(&["0620057A", "Lycée Émile-Zola", ""]), "0620057a lycee emile-zola");
    }

    #[test]
    fn obligatoire_refuse_le_vide() {
        assert_eq!(obligatoire("Le nom", "   ").unwrap_err(), "Le nom est obligatoire.");
        assert_eq!(obligatoire("Le nom", " X ").unwrap(), "X");
    }
}
