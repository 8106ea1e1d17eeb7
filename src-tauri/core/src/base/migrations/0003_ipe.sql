-- Ingénieurs pour l'école : thèmes d'action, IPE et leurs missions, actions, commentaires des bilans.

CREATE TABLE theme_ipe (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    libelle TEXT NOT NULL UNIQUE,
    ordre   INTEGER NOT NULL
);

-- Les 14 thèmes du bilan IPE de 2007 ; codes stables, la liste reste extensible.
INSERT INTO theme_ipe (code, libelle, ordre) VALUES
    ('stages', 'Stages', 1),
    ('information_metiers', 'Information sur les métiers', 2),
    ('decouverte_professionnelle', 'Découverte professionnelle', 3),
    ('post_bac', 'Post-bac et liaison secondaire-supérieur', 4),
    ('recherche_emploi', 'Recherche d''emploi', 5),
    ('entrepreneuriat', 'Entrepreneuriat et esprit d''entreprendre', 6),
    ('partenariat_entreprises', 'Partenariat avec les entreprises et conventions', 7),
    ('developpement_local', 'Partenariat avec les acteurs du développement local', 8),
    ('appui_technologique', 'Coopération et appui technologique', 9),
    ('lycees_des_metiers', 'Lycées des métiers', 10),
    ('apprentissage_eple', 'Apprentissage en EPLE', 11),
    ('information_reciproque', 'Information réciproque école-entreprise', 12),
    ('tic', 'TIC', 13),
    ('actions_diverses', 'Actions diverses', 14);

CREATE TABLE ipe (
    id            INTEGER PRIMARY KEY,
    personne_id   INTEGER NOT NULL UNIQUE REFERENCES personne(id),
    entreprise_id INTEGER REFERENCES organisation(id),   -- entreprise d'origine
    academie_id   INTEGER NOT NULL REFERENCES academie(id),
    service       TEXT NOT NULL DEFAULT 'daet' CHECK (service IN ('daet', 'dafpic', 'administration_centrale'))
);

-- Une mission : période (fin ouverte possible), quotité, lettre de mission révisée chaque année.
CREATE TABLE mission_ipe (
    id             INTEGER PRIMARY KEY,
    ipe_id         INTEGER NOT NULL REFERENCES ipe(id) ON DELETE CASCADE,
    debut          TEXT NOT NULL,                 -- AAAA-MM-JJ
    fin            TEXT,                          -- NULL : mission en cours
    quotite        INTEGER NOT NULL DEFAULT 100 CHECK (quotite BETWEEN 1 AND 100),
    lettre_date    TEXT,
    lettre_missions TEXT NOT NULL DEFAULT '',
    CHECK (fin IS NULL OR fin >= debut)
);
CREATE INDEX mission_ipe_ipe ON mission_ipe(ipe_id);

CREATE TABLE action_ipe (
    id              INTEGER PRIMARY KEY,
    date            TEXT NOT NULL,                -- AAAA-MM-JJ
    academie_id     INTEGER REFERENCES academie(id), -- NULL pour une action de niveau national
    niveau          TEXT NOT NULL DEFAULT 'academique' CHECK (niveau IN ('academique', 'national')),
    theme_id        INTEGER NOT NULL REFERENCES theme_ipe(id),
    intitule        TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    etablissements  INTEGER NOT NULL DEFAULT 0 CHECK (etablissements >= 0),
    jeunes_filles   INTEGER NOT NULL DEFAULT 0 CHECK (jeunes_filles >= 0),
    jeunes_garcons  INTEGER NOT NULL DEFAULT 0 CHECK (jeunes_garcons >= 0),
    enseignants_femmes INTEGER NOT NULL DEFAULT 0 CHECK (enseignants_femmes >= 0),
    enseignants_hommes INTEGER NOT NULL DEFAULT 0 CHECK (enseignants_hommes >= 0),
    entreprises     INTEGER NOT NULL DEFAULT 0 CHECK (entreprises >= 0),
    organisations_professionnelles INTEGER NOT NULL DEFAULT 0 CHECK (organisations_professionnelles >= 0),
    recherche       TEXT NOT NULL DEFAULT '',
    CHECK (niveau = 'national' OR academie_id IS NOT NULL)
);
CREATE INDEX action_ipe_date ON action_ipe(date);
CREATE INDEX action_ipe_theme ON action_ipe(theme_id);

-- Liens possédés par l'action : supprimés avec elle.
CREATE TABLE action_ipe_intervenant (
    action_id INTEGER NOT NULL REFERENCES action_ipe(id) ON DELETE CASCADE,
    ipe_id    INTEGER NOT NULL REFERENCES ipe(id),
    PRIMARY KEY (action_id, ipe_id)
);
CREATE INDEX action_ipe_intervenant_ipe ON action_ipe_intervenant(ipe_id);
CREATE TABLE action_ipe_etablissement (
    action_id        INTEGER NOT NULL REFERENCES action_ipe(id) ON DELETE CASCADE,
    etablissement_id INTEGER NOT NULL REFERENCES etablissement(id),
    PRIMARY KEY (action_id, etablissement_id)
);
CREATE TABLE action_ipe_organisation (
    action_id       INTEGER NOT NULL REFERENCES action_ipe(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id),
    PRIMARY KEY (action_id, organisation_id)
);

-- Commentaires écrits par le délégué pour un bilan : par bilan, année, période, périmètre et rubrique.
CREATE TABLE commentaire_bilan (
    bilan     TEXT NOT NULL,       -- 'ipe'
    annee     INTEGER NOT NULL,
    periode   TEXT NOT NULL CHECK (periode IN ('civile', 'scolaire')),
    perimetre TEXT NOT NULL,       -- 'national' ou le code de l'académie
    rubrique  TEXT NOT NULL,       -- code du thème, ou 'conclusion'
    texte     TEXT NOT NULL,
    PRIMARY KEY (bilan, annee, periode, perimetre, rubrique)
);
