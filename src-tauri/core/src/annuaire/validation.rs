//! Contrôle des identifiants et coordonnées de l'annuaire. Chaque fonction rend la forme
//! normalisée à enregistrer, ou le message français à afficher sous le champ.

/// Lettres de clé des codes UAI : 23 lettres, sans I, O ni Q.
const LETTRES_UAI: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";

/// Code UAI (ex-RNE) : 7 chiffres puis une lettre clé égale à `LETTRES_UAI[n mod 23]`.
pub fn uai(saisie: &str) -> Result<String, String> {
    let code: String = saisie.trim().to_uppercase();
    if code.is_empty() {
        return Err("Le code UAI est obligatoire.".into());
    }
    let octets = code.as_bytes();
    if octets.len() != 8
        || !octets[..7].iter().all(u8::is_ascii_digit)
        || !octets[7].is_ascii_uppercase()
    {
        return Err(format!(
            "Le code UAI « {} » doit compter 7 chiffres suivis d'une lettre (exemple : 0750654D).",
            saisie.trim()
        ));
    }
    // Sept chiffres ASCII, vérifiés plus haut : le nombre se calcule sans cas d'échec.
    let n = octets[..7]
        .iter()
        .fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
    let attendue = LETTRES_UAI[(n % 23) as usize] as char;
    if octets[7] as char != attendue {
        return Err(format!(
            "La lettre clé du code UAI « {code} » est fausse : pour {} la clé est « {attendue} » ({}{attendue}).",
            &code[..7],
            &code[..7]
        ));
    }
    Ok(code)
}

/// SIRET facultatif : 14 chiffres (espaces tolérés), clé de Luhn ; les établissements de
/// La Poste (SIREN 356 000 000) suivent la règle de leur propre somme multiple de 5.
pub fn siret(saisie: &str) -> Result<Option<String>, String> {
    let chiffres: String = saisie.chars().filter(|c| !c.is_whitespace()).collect();
    if chiffres.is_empty() {
        return Ok(None);
    }
    if chiffres.len() != 14 || !chiffres.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "Le SIRET « {} » doit compter exactement 14 chiffres.",
            saisie.trim()
        ));
    }
    let valeurs: Vec<u32> = chiffres.bytes().map(|b| (b - b'0') as u32).collect();
    let valide = if chiffres.starts_with("356000000") && chiffres != "35600000000048" {
        valeurs.iter().sum::<u32>() % 5 == 0
    } else {
        luhn(&valeurs)
    };
    if !valide {
        return Err(format!(
            "Le SIRET « {} » n'est pas valide : sa clé de contrôle ne correspond pas. Vérifiez la saisie.",
            saisie.trim()
        ));
    }
    Ok(Some(chiffres))
}

fn luhn(chiffres: &[u32]) -> bool {
    let somme: u32 = chiffres
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &c)| {
            if i % 2 == 1 {
                let d = c * 2;
                if d > 9 {
                    d - 9
                } else {
                    d
                }
            } else {
                c
            }
        })
        .sum();
    somme.is_multiple_of(10)
}

/// Adresse électronique professionnelle facultative, rangée en minuscules.
pub fn email(saisie: &str) -> Result<String, String> {
    let e = saisie.trim().to_lowercase();
    if e.is_empty() {
        return Ok(e);
    }
    let erreur = || {
        format!(
            "L'adresse électronique « {} » n'est pas valide (exemple : prenom.nom@ac-lille.fr).",
            saisie.trim()
        )
    };
    let (local, domaine) = e.split_once('@').ok_or_else(erreur)?;
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-'".contains(c));
    let etiquettes: Vec<&str> = domaine.split('.').collect();
    let domaine_ok = etiquettes.len() >= 2
        && etiquettes.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && etiquettes
            .last()
            .is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()));
    if local_ok && domaine_ok {
        Ok(e)
    } else {
        Err(erreur())
    }
}

/// Téléphone facultatif : numéro français à 10 chiffres (rangé « 03 21 45 67 89 »),
/// ou international commençant par + (8 à 15 chiffres).
pub fn telephone(saisie: &str) -> Result<String, String> {
    let brut = saisie.trim();
    if brut.is_empty() {
        return Ok(String::new());
    }
    let erreur = || {
        format!("Le numéro « {brut} » n'est pas valide : 10 chiffres commençant par 0 (exemple : 03 21 45 67 89) ou un numéro international commençant par +.")
    };
    if !brut
        .chars()
        .all(|c| c.is_ascii_digit() || " .-+()".contains(c))
    {
        return Err(erreur());
    }
    let chiffres: String = brut.chars().filter(char::is_ascii_digit).collect();
    if let Some(reste) = brut.strip_prefix('+') {
        if reste.contains('+') || !(8..=15).contains(&chiffres.len()) {
            return Err(erreur());
        }
        // +33 suivi de 9 chiffres : on le range sous la forme nationale.
        if let Some(national) = chiffres
            .strip_prefix("33")
            .filter(|n| n.len() == 9 && !n.starts_with('0'))
        {
            return Ok(grouper(&format!("0{national}")));
        }
        return Ok(format!("+{chiffres}"));
    }
    if chiffres.len() != 10
        || !chiffres.starts_with('0')
        || chiffres.starts_with("00")
        || brut.contains('+')
    {
        return Err(erreur());
    }
    Ok(grouper(&chiffres))
}

fn grouper(dix: &str) -> String {
    dix.as_bytes()
        .chunks(2)
        .map(|p| std::str::from_utf8(p).unwrap())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uai_valide_et_normalise() {
        assert_eq!(uai("0750654D").unwrap(), "0750654D");
        assert_eq!(uai(" 0750653c ").unwrap(), "0750653C");
    }

    #[test]
    fn uai_cle_fausse_dit_la_lettre_attendue() {
        let e = uai("0750654A").unwrap_err();
        assert!(e.contains("« D »"), "{e}");
    }

    #[test]
    fn uai_forme_incorrecte() {
        for faux in [
            "",
            "075065D",
            "07506544",
            "A750654D",
            "0750654DD",
            "0750654é",
        ] {
            assert!(uai(faux).is_err(), "{faux} accepté");
        }
    }

    #[test]
    fn uai_cle_sans_i_o_q() {
        // 0000008 mod 23 = 8 → neuvième lettre sans I : J.
        assert_eq!(uai("0000008J").unwrap(), "0000008J");
        assert!(uai("0000008I").unwrap_err().contains("« J »"));
    }

    #[test]
    fn siret_luhn() {
        assert_eq!(
            siret("732 829 320 00074").unwrap().as_deref(),
            Some("73282932000074")
        );
        assert_eq!(siret("").unwrap(), None);
        assert!(siret("73282932000075").unwrap_err().contains("clé"));
        assert!(siret("7328293200007").unwrap_err().contains("14 chiffres"));
        assert!(siret("7328293200007A").is_err());
    }

    #[test]
    fn siret_la_poste() {
        // Somme des chiffres multiple de 5, bien que la clé de Luhn soit fausse.
        assert!(siret("35600000000002").is_err());
        assert_eq!(
            siret("35600000012346").unwrap().as_deref(),
            Some("35600000012346")
        );
    }

    #[test]
    fn emails() {
        assert_eq!(
            email(" Claire.Durand@AC-Lille.fr ").unwrap(),
            "claire.durand@ac-lille.fr"
        );
        assert_eq!(email("").unwrap(), "");
        for faux in [
            "claire",
            "claire@",
            "@ac-lille.fr",
            "claire@ac-lille",
            "cl aire@ac-lille.fr",
            "claire@@a.fr",
            "claire@-a.fr",
            "c@a.f1",
        ] {
            assert!(email(faux).is_err(), "{faux} accepté");
        }
    }

    #[test]
    fn telephones() {
        assert_eq!(telephone("0321456789").unwrap(), "03 21 45 67 89");
        assert_eq!(telephone("03.21.45.67.89").unwrap(), "03 21 45 67 89");
        assert_eq!(telephone("+33 3 21 45 67 89").unwrap(), "03 21 45 67 89");
        assert_eq!(telephone("+262 262 12 34 56").unwrap(), "+262262123456");
        assert_eq!(telephone("").unwrap(), "");
        for faux in [
            "032145678",
            "1321456789",
            "03 21 45 67 8a",
            "00 33 3 21",
            "+33",
            "03+21456789",
        ] {
            assert!(telephone(faux).is_err(), "{faux} accepté");
        }
    }
}
