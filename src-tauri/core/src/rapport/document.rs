//! Un document produit, prêt à être enregistré là où l'utilisateur le choisit.

use serde::Serialize;

/// Le genre d'un fichier produit : l'extension, le filtre du dialogue « Enregistrer sous » et
/// le dernier dossier utilisé (retenu par genre).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Genre {
    Pdf,
    Csv,
    Xlsx,
    Ics,
    Json,
    /// Paquet de consolidation (`.passerelle`).
    Paquet,
}

impl Genre {
    pub fn extension(self) -> &'static str {
        match self {
            Genre::Pdf => "pdf",
            Genre::Csv => "csv",
            Genre::Xlsx => "xlsx",
            Genre::Ics => "ics",
            Genre::Json => "json",
            Genre::Paquet => "passerelle",
        }
    }

    /// Nom du filtre dans le dialogue du système.
    pub fn libelle(self) -> &'static str {
        match self {
            Genre::Pdf => "Document PDF",
            Genre::Csv => "Tableau CSV",
            Genre::Xlsx => "Classeur Excel",
            Genre::Ics => "Agenda iCalendar",
            Genre::Json => "Données JSON",
            Genre::Paquet => "Paquet Passerelle",
        }
    }
}

/// Les octets d'un document, son genre et le nom de fichier proposé (« Bilan IPE 2007 - national.pdf »).
#[derive(Debug, Clone)]
pub struct Document {
    pub nom: String,
    pub genre: Genre,
    pub octets: Vec<u8>,
    /// Ce que l'utilisateur doit savoir du rendu (caractères absents de la police, imprimés
    /// comme une marque visible) ; la fenêtre le montre à côté du fichier enregistré.
    pub avertissements: Vec<String>,
}

impl Document {
    /// `titre` sans extension ; il est rendu valable sur tous les systèmes.
    pub fn nouveau(titre: &str, genre: Genre, octets: Vec<u8>) -> Document {
        Document {
            nom: format!("{}.{}", nom_de_fichier(titre), genre.extension()),
            genre,
            octets,
            avertissements: Vec::new(),
        }
    }

    /// Le rapport mis en page en PDF, avec ses avertissements.
    pub fn pdf(titre: &str, rapport: &super::Rapport) -> crate::Resultat<Document> {
        let (octets, avertissements) = super::rendre_pdf_et_avertissements(rapport)?;
        Ok(Document {
            avertissements,
            ..Document::nouveau(titre, Genre::Pdf, octets)
        })
    }
}

/// Noms que Windows réserve à ses périphériques, quelle que soit l'extension.
const RESERVES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Un titre devenu nom de fichier : sans les caractères que Windows refuse (`< > : " / \ | ? *`,
/// caractères de contrôle), sans point ni espace final, 100 caractères au plus, jamais vide
/// ni nom réservé. Les titres viennent en partie de la saisie (nom d'une convention).
pub fn nom_de_fichier(titre: &str) -> String {
    let propre: String = titre
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let mut nom = crate::texte::sur_une_ligne(&propre);
    if nom.chars().count() > 100 {
        nom = nom.chars().take(100).collect();
    }
    let nom = nom.trim_end_matches(['.', ' ']).trim_start().to_string();
    if nom.is_empty() {
        return "Document".into();
    }
    if RESERVES.contains(&nom.to_uppercase().as_str()) {
        return format!("{nom} (document)");
    }
    nom
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn un_titre_devient_un_nom_valable_partout() {
        assert_eq!(
            nom_de_fichier("Bilan IPE 2007 - national"),
            "Bilan IPE 2007 - national"
        );
        assert_eq!(
            nom_de_fichier("Convention « A/B » : suivi?  \n"),
            "Convention « A-B » - suivi-"
        );
        assert_eq!(nom_de_fichier(" ... "), "Document");
        assert_eq!(nom_de_fichier("nul"), "nul (document)");
        assert_eq!(nom_de_fichier(&"é".repeat(300)).chars().count(), 100);
        let d = Document::nouveau("Compte rendu CLEE Lens 2026-03-12", Genre::Pdf, vec![]);
        assert_eq!(d.nom, "Compte rendu CLEE Lens 2026-03-12.pdf");
    }
}
