SELECT
  *,
  CAST((
    CAST(0 AS INT64) + CASE WHEN `icp_c_business_model` THEN 2 ELSE 0 END + CASE WHEN `icp_c_size` THEN 3 ELSE 0 END + CASE WHEN `icp_c_revenue` THEN 2 ELSE 0 END + CASE WHEN `icp_c_funding_stage` THEN 2 ELSE 0 END + CASE WHEN `icp_c_age` THEN 1 ELSE 0 END + CASE WHEN `icp_c_legal_form` THEN 1 ELSE 0 END + CASE WHEN `icp_c_offers-analytics` THEN 2 ELSE 0 END + CASE WHEN `icp_c_country` THEN 1 ELSE 0 END + CASE WHEN `icp_c_state` THEN 2 ELSE 0 END + CASE WHEN `icp_c_gtm-stack` THEN 2 ELSE 0 END
  ) * 100 AS FLOAT64) / CAST(18 AS FLOAT64) AS icp_score,
  CAST((
    CAST(0 AS INT64) + CASE WHEN NOT `icp_c_business_model` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_size` IS NULL THEN 3 ELSE 0 END + CASE WHEN NOT `icp_c_revenue` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_funding_stage` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_age` IS NULL THEN 1 ELSE 0 END + CASE WHEN NOT `icp_c_legal_form` IS NULL THEN 1 ELSE 0 END + CASE WHEN NOT `icp_c_offers-analytics` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_country` IS NULL THEN 1 ELSE 0 END + CASE WHEN NOT `icp_c_state` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_gtm-stack` IS NULL THEN 2 ELSE 0 END
  ) AS FLOAT64) / CAST(18 AS FLOAT64) AS icp_coverage,
  CASE
    WHEN `icp_d_public` IS TRUE OR `icp_d_ipo-plans` IS TRUE
    THEN 'disqualified'
    WHEN `icp_c_country` IS FALSE
    THEN 'required_failed'
    WHEN `icp_c_country` IS NULL
    OR CAST((
      CAST(0 AS INT64) + CASE WHEN NOT `icp_c_business_model` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_size` IS NULL THEN 3 ELSE 0 END + CASE WHEN NOT `icp_c_revenue` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_funding_stage` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_age` IS NULL THEN 1 ELSE 0 END + CASE WHEN NOT `icp_c_legal_form` IS NULL THEN 1 ELSE 0 END + CASE WHEN NOT `icp_c_offers-analytics` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_country` IS NULL THEN 1 ELSE 0 END + CASE WHEN NOT `icp_c_state` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_gtm-stack` IS NULL THEN 2 ELSE 0 END
    ) AS FLOAT64) / CAST(18 AS FLOAT64) < CAST('0.5' AS FLOAT64)
    THEN 'insufficient_data'
    ELSE 'scored'
  END AS icp_status,
  'ca-saas-analytics' AS icp_profile,
  CASE
    WHEN CASE
      WHEN `icp_d_public` IS TRUE OR `icp_d_ipo-plans` IS TRUE
      THEN 'disqualified'
      WHEN `icp_c_country` IS FALSE
      THEN 'required_failed'
      WHEN `icp_c_country` IS NULL
      OR CAST((
        CAST(0 AS INT64) + CASE WHEN NOT `icp_c_business_model` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_size` IS NULL THEN 3 ELSE 0 END + CASE WHEN NOT `icp_c_revenue` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_funding_stage` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_age` IS NULL THEN 1 ELSE 0 END + CASE WHEN NOT `icp_c_legal_form` IS NULL THEN 1 ELSE 0 END + CASE WHEN NOT `icp_c_offers-analytics` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_country` IS NULL THEN 1 ELSE 0 END + CASE WHEN NOT `icp_c_state` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_gtm-stack` IS NULL THEN 2 ELSE 0 END
      ) AS FLOAT64) / CAST(18 AS FLOAT64) < CAST('0.5' AS FLOAT64)
      THEN 'insufficient_data'
      ELSE 'scored'
    END = 'scored'
    THEN CASE
      WHEN CAST((
        CAST(0 AS INT64) + CASE WHEN `icp_c_business_model` THEN 2 ELSE 0 END + CASE WHEN `icp_c_size` THEN 3 ELSE 0 END + CASE WHEN `icp_c_revenue` THEN 2 ELSE 0 END + CASE WHEN `icp_c_funding_stage` THEN 2 ELSE 0 END + CASE WHEN `icp_c_age` THEN 1 ELSE 0 END + CASE WHEN `icp_c_legal_form` THEN 1 ELSE 0 END + CASE WHEN `icp_c_offers-analytics` THEN 2 ELSE 0 END + CASE WHEN `icp_c_country` THEN 1 ELSE 0 END + CASE WHEN `icp_c_state` THEN 2 ELSE 0 END + CASE WHEN `icp_c_gtm-stack` THEN 2 ELSE 0 END
      ) * 100 AS FLOAT64) / CAST(18 AS FLOAT64) >= CAST('77.77777777777777' AS FLOAT64)
      THEN 'A'
      WHEN CAST((
        CAST(0 AS INT64) + CASE WHEN `icp_c_business_model` THEN 2 ELSE 0 END + CASE WHEN `icp_c_size` THEN 3 ELSE 0 END + CASE WHEN `icp_c_revenue` THEN 2 ELSE 0 END + CASE WHEN `icp_c_funding_stage` THEN 2 ELSE 0 END + CASE WHEN `icp_c_age` THEN 1 ELSE 0 END + CASE WHEN `icp_c_legal_form` THEN 1 ELSE 0 END + CASE WHEN `icp_c_offers-analytics` THEN 2 ELSE 0 END + CASE WHEN `icp_c_country` THEN 1 ELSE 0 END + CASE WHEN `icp_c_state` THEN 2 ELSE 0 END + CASE WHEN `icp_c_gtm-stack` THEN 2 ELSE 0 END
      ) * 100 AS FLOAT64) / CAST(18 AS FLOAT64) >= CAST('50.0' AS FLOAT64)
      THEN 'B'
      WHEN CAST((
        CAST(0 AS INT64) + CASE WHEN `icp_c_business_model` THEN 2 ELSE 0 END + CASE WHEN `icp_c_size` THEN 3 ELSE 0 END + CASE WHEN `icp_c_revenue` THEN 2 ELSE 0 END + CASE WHEN `icp_c_funding_stage` THEN 2 ELSE 0 END + CASE WHEN `icp_c_age` THEN 1 ELSE 0 END + CASE WHEN `icp_c_legal_form` THEN 1 ELSE 0 END + CASE WHEN `icp_c_offers-analytics` THEN 2 ELSE 0 END + CASE WHEN `icp_c_country` THEN 1 ELSE 0 END + CASE WHEN `icp_c_state` THEN 2 ELSE 0 END + CASE WHEN `icp_c_gtm-stack` THEN 2 ELSE 0 END
      ) * 100 AS FLOAT64) / CAST(18 AS FLOAT64) >= CAST('27.77777777777778' AS FLOAT64)
      THEN 'C'
    END
  END AS icp_tier,
  '2026.4+0b02ac5531db' AS icp_spec_version
FROM (
  SELECT
    t.*,
    (REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(TRANSLATE(LOWER(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`business_model` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`business_model` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`business_model` AS STRING) END, '')), 'µſͅςϐϑϕϖϰϱϵᏸᏹᏺᏻᏼᏽᲀᲁᲂᲃᲄᲅᲆᲇᲈẛιꭰꭱꭲꭳꭴꭵꭶꭷꭸꭹꭺꭻꭼꭽꭾꭿꮀꮁꮂꮃꮄꮅꮆꮇꮈꮉꮊꮋꮌꮍꮎꮏꮐꮑꮒꮓꮔꮕꮖꮗꮘꮙꮚꮛꮜꮝꮞꮟꮠꮡꮢꮣꮤꮥꮦꮧꮨꮩꮪꮫꮬꮭꮮꮯꮰꮱꮲꮳꮴꮵꮶꮷꮸꮹꮺꮻꮼꮽꮾꮿ', 'μsισβθφπκρεᏰᏱᏲᏳᏴᏵвдосттъѣꙋṡιᎠᎡᎢᎣᎤᎥᎦᎧᎨᎩᎪᎫᎬᎭᎮᎯᎰᎱᎲᎳᎴᎵᎶᎷᎸᎹᎺᎻᎼᎽᎾᎿᏀᏁᏂᏃᏄᏅᏆᏇᏈᏉᏊᏋᏌᏍᏎᏏᏐᏑᏒᏓᏔᏕᏖᏗᏘᏙᏚᏛᏜᏝᏞᏟᏠᏡᏢᏣᏤᏥᏦᏧᏨᏩᏪᏫᏬᏭᏮᏯ'), 'ß', 'ss'), 'ŉ', 'ʼn'), 'ǰ', 'ǰ'), 'ΐ', 'ΐ'), 'ΰ', 'ΰ'), 'և', 'եւ'), 'ẖ', 'ẖ'), 'ẗ', 'ẗ'), 'ẘ', 'ẘ'), 'ẙ', 'ẙ'), 'ẚ', 'aʾ'), 'ὐ', 'ὐ'), 'ὒ', 'ὒ'), 'ὔ', 'ὔ'), 'ὖ', 'ὖ'), 'ᾀ', 'ἀι'), 'ᾁ', 'ἁι'), 'ᾂ', 'ἂι'), 'ᾃ', 'ἃι'), 'ᾄ', 'ἄι'), 'ᾅ', 'ἅι'), 'ᾆ', 'ἆι'), 'ᾇ', 'ἇι'), 'ᾐ', 'ἠι'), 'ᾑ', 'ἡι'), 'ᾒ', 'ἢι'), 'ᾓ', 'ἣι'), 'ᾔ', 'ἤι'), 'ᾕ', 'ἥι'), 'ᾖ', 'ἦι'), 'ᾗ', 'ἧι'), 'ᾠ', 'ὠι'), 'ᾡ', 'ὡι'), 'ᾢ', 'ὢι'), 'ᾣ', 'ὣι'), 'ᾤ', 'ὤι'), 'ᾥ', 'ὥι'), 'ᾦ', 'ὦι'), 'ᾧ', 'ὧι'), 'ᾲ', 'ὰι'), 'ᾳ', 'αι'), 'ᾴ', 'άι'), 'ᾶ', 'ᾶ'), 'ᾷ', 'ᾶι'), 'ῂ', 'ὴι'), 'ῃ', 'ηι'), 'ῄ', 'ήι'), 'ῆ', 'ῆ'), 'ῇ', 'ῆι'), 'ῒ', 'ῒ'), 'ΐ', 'ΐ'), 'ῖ', 'ῖ'), 'ῗ', 'ῗ'), 'ῢ', 'ῢ'), 'ΰ', 'ΰ'), 'ῤ', 'ῤ'), 'ῦ', 'ῦ'), 'ῧ', 'ῧ'), 'ῲ', 'ὼι'), 'ῳ', 'ωι'), 'ῴ', 'ώι'), 'ῶ', 'ῶ'), 'ῷ', 'ῶι'), 'ﬀ', 'ff'), 'ﬁ', 'fi'), 'ﬂ', 'fl'), 'ﬃ', 'ffi'), 'ﬄ', 'ffl'), 'ﬅ', 'st'), 'ﬆ', 'st'), 'ﬓ', 'մն'), 'ﬔ', 'մե'), 'ﬕ', 'մի'), 'ﬖ', 'վն'), 'ﬗ', 'մխ')) = 'saas' AS `icp_c_business_model`,
    (CASE WHEN LENGTH(CAST(`t`.`employees` AS STRING)) <= 100 AND REGEXP_CONTAINS(CAST(`t`.`employees` AS STRING), '^[0-9]+([.][0-9]+)?$') THEN CAST(CAST(`t`.`employees` AS STRING) AS FLOAT64) WHEN LENGTH(CAST(`t`.`employees` AS STRING)) <= 100 AND REGEXP_CONTAINS(CAST(`t`.`employees` AS STRING), '^[ \t\n\r\v\f]*[-+]?[ \t\n\r\v\f]*[$€£¥]?[ \t\n\r\v\f]*([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]+)?[ \t\n\r\v\f]*[A-Za-z]*[ \t\n\r\v\f]*$') THEN CAST(CASE WHEN INSTR(CAST(`t`.`employees` AS STRING), '-') > 0 THEN '-' ELSE '' END || TRANSLATE(CAST(`t`.`employees` AS STRING), ' \t\n\r\v\f+-$€£¥,abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', '') || 'e' || CASE LOWER(TRANSLATE(CAST(`t`.`employees` AS STRING), ' \t\n\r\v\f+-$€£¥,.0123456789', '')) WHEN '' THEN '0' WHEN 'k' THEN '3' WHEN 'thousand' THEN '3' WHEN 'm' THEN '6' WHEN 'mm' THEN '6' WHEN 'mn' THEN '6' WHEN 'mio' THEN '6' WHEN 'million' THEN '6' WHEN 'millions' THEN '6' WHEN 'b' THEN '9' WHEN 'bn' THEN '9' WHEN 'billion' THEN '9' WHEN 'billions' THEN '9' WHEN 't' THEN '12' WHEN 'tn' THEN '12' WHEN 'trillion' THEN '12' END AS FLOAT64) END) BETWEEN CAST('5.0' AS FLOAT64) AND CAST('50.0' AS FLOAT64) AS `icp_c_size`,
    (CASE WHEN LENGTH(CAST(`t`.`annual_revenue` AS STRING)) <= 100 AND REGEXP_CONTAINS(CAST(`t`.`annual_revenue` AS STRING), '^[0-9]+([.][0-9]+)?$') THEN CAST(CAST(`t`.`annual_revenue` AS STRING) AS FLOAT64) WHEN LENGTH(CAST(`t`.`annual_revenue` AS STRING)) <= 100 AND REGEXP_CONTAINS(CAST(`t`.`annual_revenue` AS STRING), '^[ \t\n\r\v\f]*[-+]?[ \t\n\r\v\f]*[$€£¥]?[ \t\n\r\v\f]*([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]+)?[ \t\n\r\v\f]*[A-Za-z]*[ \t\n\r\v\f]*$') THEN CAST(CASE WHEN INSTR(CAST(`t`.`annual_revenue` AS STRING), '-') > 0 THEN '-' ELSE '' END || TRANSLATE(CAST(`t`.`annual_revenue` AS STRING), ' \t\n\r\v\f+-$€£¥,abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', '') || 'e' || CASE LOWER(TRANSLATE(CAST(`t`.`annual_revenue` AS STRING), ' \t\n\r\v\f+-$€£¥,.0123456789', '')) WHEN '' THEN '0' WHEN 'k' THEN '3' WHEN 'thousand' THEN '3' WHEN 'm' THEN '6' WHEN 'mm' THEN '6' WHEN 'mn' THEN '6' WHEN 'mio' THEN '6' WHEN 'million' THEN '6' WHEN 'millions' THEN '6' WHEN 'b' THEN '9' WHEN 'bn' THEN '9' WHEN 'billion' THEN '9' WHEN 'billions' THEN '9' WHEN 't' THEN '12' WHEN 'tn' THEN '12' WHEN 'trillion' THEN '12' END AS FLOAT64) END) BETWEEN CAST('500000.0' AS FLOAT64) AND CAST('2000000.0' AS FLOAT64) AS `icp_c_revenue`,
    (REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(TRANSLATE(LOWER(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`funding_stage` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`funding_stage` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`funding_stage` AS STRING) END, '')), 'µſͅςϐϑϕϖϰϱϵᏸᏹᏺᏻᏼᏽᲀᲁᲂᲃᲄᲅᲆᲇᲈẛιꭰꭱꭲꭳꭴꭵꭶꭷꭸꭹꭺꭻꭼꭽꭾꭿꮀꮁꮂꮃꮄꮅꮆꮇꮈꮉꮊꮋꮌꮍꮎꮏꮐꮑꮒꮓꮔꮕꮖꮗꮘꮙꮚꮛꮜꮝꮞꮟꮠꮡꮢꮣꮤꮥꮦꮧꮨꮩꮪꮫꮬꮭꮮꮯꮰꮱꮲꮳꮴꮵꮶꮷꮸꮹꮺꮻꮼꮽꮾꮿ', 'μsισβθφπκρεᏰᏱᏲᏳᏴᏵвдосттъѣꙋṡιᎠᎡᎢᎣᎤᎥᎦᎧᎨᎩᎪᎫᎬᎭᎮᎯᎰᎱᎲᎳᎴᎵᎶᎷᎸᎹᎺᎻᎼᎽᎾᎿᏀᏁᏂᏃᏄᏅᏆᏇᏈᏉᏊᏋᏌᏍᏎᏏᏐᏑᏒᏓᏔᏕᏖᏗᏘᏙᏚᏛᏜᏝᏞᏟᏠᏡᏢᏣᏤᏥᏦᏧᏨᏩᏪᏫᏬᏭᏮᏯ'), 'ß', 'ss'), 'ŉ', 'ʼn'), 'ǰ', 'ǰ'), 'ΐ', 'ΐ'), 'ΰ', 'ΰ'), 'և', 'եւ'), 'ẖ', 'ẖ'), 'ẗ', 'ẗ'), 'ẘ', 'ẘ'), 'ẙ', 'ẙ'), 'ẚ', 'aʾ'), 'ὐ', 'ὐ'), 'ὒ', 'ὒ'), 'ὔ', 'ὔ'), 'ὖ', 'ὖ'), 'ᾀ', 'ἀι'), 'ᾁ', 'ἁι'), 'ᾂ', 'ἂι'), 'ᾃ', 'ἃι'), 'ᾄ', 'ἄι'), 'ᾅ', 'ἅι'), 'ᾆ', 'ἆι'), 'ᾇ', 'ἇι'), 'ᾐ', 'ἠι'), 'ᾑ', 'ἡι'), 'ᾒ', 'ἢι'), 'ᾓ', 'ἣι'), 'ᾔ', 'ἤι'), 'ᾕ', 'ἥι'), 'ᾖ', 'ἦι'), 'ᾗ', 'ἧι'), 'ᾠ', 'ὠι'), 'ᾡ', 'ὡι'), 'ᾢ', 'ὢι'), 'ᾣ', 'ὣι'), 'ᾤ', 'ὤι'), 'ᾥ', 'ὥι'), 'ᾦ', 'ὦι'), 'ᾧ', 'ὧι'), 'ᾲ', 'ὰι'), 'ᾳ', 'αι'), 'ᾴ', 'άι'), 'ᾶ', 'ᾶ'), 'ᾷ', 'ᾶι'), 'ῂ', 'ὴι'), 'ῃ', 'ηι'), 'ῄ', 'ήι'), 'ῆ', 'ῆ'), 'ῇ', 'ῆι'), 'ῒ', 'ῒ'), 'ΐ', 'ΐ'), 'ῖ', 'ῖ'), 'ῗ', 'ῗ'), 'ῢ', 'ῢ'), 'ΰ', 'ΰ'), 'ῤ', 'ῤ'), 'ῦ', 'ῦ'), 'ῧ', 'ῧ'), 'ῲ', 'ὼι'), 'ῳ', 'ωι'), 'ῴ', 'ώι'), 'ῶ', 'ῶ'), 'ῷ', 'ῶι'), 'ﬀ', 'ff'), 'ﬁ', 'fi'), 'ﬂ', 'fl'), 'ﬃ', 'ffi'), 'ﬄ', 'ffl'), 'ﬅ', 'st'), 'ﬆ', 'st'), 'ﬓ', 'մն'), 'ﬔ', 'մե'), 'ﬕ', 'մի'), 'ﬖ', 'վն'), 'ﬗ', 'մխ')) IN ('bootstrapped') AS `icp_c_funding_stage`,
    (CASE WHEN LENGTH(CAST(`t`.`years_in_business` AS STRING)) <= 100 AND REGEXP_CONTAINS(CAST(`t`.`years_in_business` AS STRING), '^[0-9]+([.][0-9]+)?$') THEN CAST(CAST(`t`.`years_in_business` AS STRING) AS FLOAT64) WHEN LENGTH(CAST(`t`.`years_in_business` AS STRING)) <= 100 AND REGEXP_CONTAINS(CAST(`t`.`years_in_business` AS STRING), '^[ \t\n\r\v\f]*[-+]?[ \t\n\r\v\f]*[$€£¥]?[ \t\n\r\v\f]*([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]+)?[ \t\n\r\v\f]*[A-Za-z]*[ \t\n\r\v\f]*$') THEN CAST(CASE WHEN INSTR(CAST(`t`.`years_in_business` AS STRING), '-') > 0 THEN '-' ELSE '' END || TRANSLATE(CAST(`t`.`years_in_business` AS STRING), ' \t\n\r\v\f+-$€£¥,abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', '') || 'e' || CASE LOWER(TRANSLATE(CAST(`t`.`years_in_business` AS STRING), ' \t\n\r\v\f+-$€£¥,.0123456789', '')) WHEN '' THEN '0' WHEN 'k' THEN '3' WHEN 'thousand' THEN '3' WHEN 'm' THEN '6' WHEN 'mm' THEN '6' WHEN 'mn' THEN '6' WHEN 'mio' THEN '6' WHEN 'million' THEN '6' WHEN 'millions' THEN '6' WHEN 'b' THEN '9' WHEN 'bn' THEN '9' WHEN 'billion' THEN '9' WHEN 'billions' THEN '9' WHEN 't' THEN '12' WHEN 'tn' THEN '12' WHEN 'trillion' THEN '12' END AS FLOAT64) END) BETWEEN CAST('3.0' AS FLOAT64) AND CAST('5.0' AS FLOAT64) AS `icp_c_age`,
    (REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(TRANSLATE(LOWER(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`legal_form` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`legal_form` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`legal_form` AS STRING) END, '')), 'µſͅςϐϑϕϖϰϱϵᏸᏹᏺᏻᏼᏽᲀᲁᲂᲃᲄᲅᲆᲇᲈẛιꭰꭱꭲꭳꭴꭵꭶꭷꭸꭹꭺꭻꭼꭽꭾꭿꮀꮁꮂꮃꮄꮅꮆꮇꮈꮉꮊꮋꮌꮍꮎꮏꮐꮑꮒꮓꮔꮕꮖꮗꮘꮙꮚꮛꮜꮝꮞꮟꮠꮡꮢꮣꮤꮥꮦꮧꮨꮩꮪꮫꮬꮭꮮꮯꮰꮱꮲꮳꮴꮵꮶꮷꮸꮹꮺꮻꮼꮽꮾꮿ', 'μsισβθφπκρεᏰᏱᏲᏳᏴᏵвдосттъѣꙋṡιᎠᎡᎢᎣᎤᎥᎦᎧᎨᎩᎪᎫᎬᎭᎮᎯᎰᎱᎲᎳᎴᎵᎶᎷᎸᎹᎺᎻᎼᎽᎾᎿᏀᏁᏂᏃᏄᏅᏆᏇᏈᏉᏊᏋᏌᏍᏎᏏᏐᏑᏒᏓᏔᏕᏖᏗᏘᏙᏚᏛᏜᏝᏞᏟᏠᏡᏢᏣᏤᏥᏦᏧᏨᏩᏪᏫᏬᏭᏮᏯ'), 'ß', 'ss'), 'ŉ', 'ʼn'), 'ǰ', 'ǰ'), 'ΐ', 'ΐ'), 'ΰ', 'ΰ'), 'և', 'եւ'), 'ẖ', 'ẖ'), 'ẗ', 'ẗ'), 'ẘ', 'ẘ'), 'ẙ', 'ẙ'), 'ẚ', 'aʾ'), 'ὐ', 'ὐ'), 'ὒ', 'ὒ'), 'ὔ', 'ὔ'), 'ὖ', 'ὖ'), 'ᾀ', 'ἀι'), 'ᾁ', 'ἁι'), 'ᾂ', 'ἂι'), 'ᾃ', 'ἃι'), 'ᾄ', 'ἄι'), 'ᾅ', 'ἅι'), 'ᾆ', 'ἆι'), 'ᾇ', 'ἇι'), 'ᾐ', 'ἠι'), 'ᾑ', 'ἡι'), 'ᾒ', 'ἢι'), 'ᾓ', 'ἣι'), 'ᾔ', 'ἤι'), 'ᾕ', 'ἥι'), 'ᾖ', 'ἦι'), 'ᾗ', 'ἧι'), 'ᾠ', 'ὠι'), 'ᾡ', 'ὡι'), 'ᾢ', 'ὢι'), 'ᾣ', 'ὣι'), 'ᾤ', 'ὤι'), 'ᾥ', 'ὥι'), 'ᾦ', 'ὦι'), 'ᾧ', 'ὧι'), 'ᾲ', 'ὰι'), 'ᾳ', 'αι'), 'ᾴ', 'άι'), 'ᾶ', 'ᾶ'), 'ᾷ', 'ᾶι'), 'ῂ', 'ὴι'), 'ῃ', 'ηι'), 'ῄ', 'ήι'), 'ῆ', 'ῆ'), 'ῇ', 'ῆι'), 'ῒ', 'ῒ'), 'ΐ', 'ΐ'), 'ῖ', 'ῖ'), 'ῗ', 'ῗ'), 'ῢ', 'ῢ'), 'ΰ', 'ΰ'), 'ῤ', 'ῤ'), 'ῦ', 'ῦ'), 'ῧ', 'ῧ'), 'ῲ', 'ὼι'), 'ῳ', 'ωι'), 'ῴ', 'ώι'), 'ῶ', 'ῶ'), 'ῷ', 'ῶι'), 'ﬀ', 'ff'), 'ﬁ', 'fi'), 'ﬂ', 'fl'), 'ﬃ', 'ffi'), 'ﬄ', 'ffl'), 'ﬅ', 'st'), 'ﬆ', 'st'), 'ﬓ', 'մն'), 'ﬔ', 'մե'), 'ﬕ', 'մի'), 'ﬖ', 'վն'), 'ﬗ', 'մխ')) IN ('llc', 'private_limited') AS `icp_c_legal_form`,
    CASE
      WHEN COALESCE(
        REGEXP_CONTAINS(
          CAST(`t`.`offerings` AS STRING),
          '[^;,|\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]'
        ),
        FALSE
      )
      THEN REGEXP_CONTAINS(
        REPLACE(
          REPLACE(
            REPLACE(
              REPLACE(
                REPLACE(
                  REPLACE(
                    REPLACE(
                      REPLACE(
                        REPLACE(
                          REPLACE(
                            REPLACE(
                              REPLACE(
                                REPLACE(
                                  REPLACE(
                                    REPLACE(
                                      REPLACE(
                                        REPLACE(
                                          REPLACE(
                                            REPLACE(
                                              REPLACE(
                                                REPLACE(
                                                  REPLACE(
                                                    REPLACE(
                                                      REPLACE(
                                                        REPLACE(
                                                          REPLACE(
                                                            REPLACE(
                                                              REPLACE(
                                                                REPLACE(
                                                                  REPLACE(
                                                                    REPLACE(
                                                                      REPLACE(
                                                                        REPLACE(
                                                                          REPLACE(
                                                                            REPLACE(
                                                                              REPLACE(
                                                                                REPLACE(
                                                                                  REPLACE(
                                                                                    REPLACE(
                                                                                      REPLACE(
                                                                                        REPLACE(
                                                                                          REPLACE(
                                                                                            REPLACE(
                                                                                              REPLACE(
                                                                                                REPLACE(
                                                                                                  REPLACE(
                                                                                                    REPLACE(
                                                                                                      REPLACE(
                                                                                                        REPLACE(
                                                                                                          REPLACE(
                                                                                                            REPLACE(
                                                                                                              REPLACE(
                                                                                                                REPLACE(
                                                                                                                  REPLACE(
                                                                                                                    REPLACE(
                                                                                                                      REPLACE(
                                                                                                                        REPLACE(
                                                                                                                          REPLACE(
                                                                                                                            REPLACE(
                                                                                                                              REPLACE(
                                                                                                                                REPLACE(
                                                                                                                                  REPLACE(
                                                                                                                                    REPLACE(
                                                                                                                                      REPLACE(
                                                                                                                                        REPLACE(
                                                                                                                                          REPLACE(
                                                                                                                                            REPLACE(
                                                                                                                                              REPLACE(
                                                                                                                                                REPLACE(
                                                                                                                                                  REPLACE(
                                                                                                                                                    REPLACE(
                                                                                                                                                      REPLACE(
                                                                                                                                                        REPLACE(
                                                                                                                                                          REPLACE(
                                                                                                                                                            REPLACE(
                                                                                                                                                              TRANSLATE(
                                                                                                                                                                LOWER(CAST(`t`.`offerings` AS STRING)),
                                                                                                                                                                'µſͅςϐϑϕϖϰϱϵᏸᏹᏺᏻᏼᏽᲀᲁᲂᲃᲄᲅᲆᲇᲈẛιꭰꭱꭲꭳꭴꭵꭶꭷꭸꭹꭺꭻꭼꭽꭾꭿꮀꮁꮂꮃꮄꮅꮆꮇꮈꮉꮊꮋꮌꮍꮎꮏꮐꮑꮒꮓꮔꮕꮖꮗꮘꮙꮚꮛꮜꮝꮞꮟꮠꮡꮢꮣꮤꮥꮦꮧꮨꮩꮪꮫꮬꮭꮮꮯꮰꮱꮲꮳꮴꮵꮶꮷꮸꮹꮺꮻꮼꮽꮾꮿ',
                                                                                                                                                                'μsισβθφπκρεᏰᏱᏲᏳᏴᏵвдосттъѣꙋṡιᎠᎡᎢᎣᎤᎥᎦᎧᎨᎩᎪᎫᎬᎭᎮᎯᎰᎱᎲᎳᎴᎵᎶᎷᎸᎹᎺᎻᎼᎽᎾᎿᏀᏁᏂᏃᏄᏅᏆᏇᏈᏉᏊᏋᏌᏍᏎᏏᏐᏑᏒᏓᏔᏕᏖᏗᏘᏙᏚᏛᏜᏝᏞᏟᏠᏡᏢᏣᏤᏥᏦᏧᏨᏩᏪᏫᏬᏭᏮᏯ'
                                                                                                                                                              ),
                                                                                                                                                              'ß',
                                                                                                                                                              'ss'
                                                                                                                                                            ),
                                                                                                                                                            'ŉ',
                                                                                                                                                            'ʼn'
                                                                                                                                                          ),
                                                                                                                                                          'ǰ',
                                                                                                                                                          'ǰ'
                                                                                                                                                        ),
                                                                                                                                                        'ΐ',
                                                                                                                                                        'ΐ'
                                                                                                                                                      ),
                                                                                                                                                      'ΰ',
                                                                                                                                                      'ΰ'
                                                                                                                                                    ),
                                                                                                                                                    'և',
                                                                                                                                                    'եւ'
                                                                                                                                                  ),
                                                                                                                                                  'ẖ',
                                                                                                                                                  'ẖ'
                                                                                                                                                ),
                                                                                                                                                'ẗ',
                                                                                                                                                'ẗ'
                                                                                                                                              ),
                                                                                                                                              'ẘ',
                                                                                                                                              'ẘ'
                                                                                                                                            ),
                                                                                                                                            'ẙ',
                                                                                                                                            'ẙ'
                                                                                                                                          ),
                                                                                                                                          'ẚ',
                                                                                                                                          'aʾ'
                                                                                                                                        ),
                                                                                                                                        'ὐ',
                                                                                                                                        'ὐ'
                                                                                                                                      ),
                                                                                                                                      'ὒ',
                                                                                                                                      'ὒ'
                                                                                                                                    ),
                                                                                                                                    'ὔ',
                                                                                                                                    'ὔ'
                                                                                                                                  ),
                                                                                                                                  'ὖ',
                                                                                                                                  'ὖ'
                                                                                                                                ),
                                                                                                                                'ᾀ',
                                                                                                                                'ἀι'
                                                                                                                              ),
                                                                                                                              'ᾁ',
                                                                                                                              'ἁι'
                                                                                                                            ),
                                                                                                                            'ᾂ',
                                                                                                                            'ἂι'
                                                                                                                          ),
                                                                                                                          'ᾃ',
                                                                                                                          'ἃι'
                                                                                                                        ),
                                                                                                                        'ᾄ',
                                                                                                                        'ἄι'
                                                                                                                      ),
                                                                                                                      'ᾅ',
                                                                                                                      'ἅι'
                                                                                                                    ),
                                                                                                                    'ᾆ',
                                                                                                                    'ἆι'
                                                                                                                  ),
                                                                                                                  'ᾇ',
                                                                                                                  'ἇι'
                                                                                                                ),
                                                                                                                'ᾐ',
                                                                                                                'ἠι'
                                                                                                              ),
                                                                                                              'ᾑ',
                                                                                                              'ἡι'
                                                                                                            ),
                                                                                                            'ᾒ',
                                                                                                            'ἢι'
                                                                                                          ),
                                                                                                          'ᾓ',
                                                                                                          'ἣι'
                                                                                                        ),
                                                                                                        'ᾔ',
                                                                                                        'ἤι'
                                                                                                      ),
                                                                                                      'ᾕ',
                                                                                                      'ἥι'
                                                                                                    ),
                                                                                                    'ᾖ',
                                                                                                    'ἦι'
                                                                                                  ),
                                                                                                  'ᾗ',
                                                                                                  'ἧι'
                                                                                                ),
                                                                                                'ᾠ',
                                                                                                'ὠι'
                                                                                              ),
                                                                                              'ᾡ',
                                                                                              'ὡι'
                                                                                            ),
                                                                                            'ᾢ',
                                                                                            'ὢι'
                                                                                          ),
                                                                                          'ᾣ',
                                                                                          'ὣι'
                                                                                        ),
                                                                                        'ᾤ',
                                                                                        'ὤι'
                                                                                      ),
                                                                                      'ᾥ',
                                                                                      'ὥι'
                                                                                    ),
                                                                                    'ᾦ',
                                                                                    'ὦι'
                                                                                  ),
                                                                                  'ᾧ',
                                                                                  'ὧι'
                                                                                ),
                                                                                'ᾲ',
                                                                                'ὰι'
                                                                              ),
                                                                              'ᾳ',
                                                                              'αι'
                                                                            ),
                                                                            'ᾴ',
                                                                            'άι'
                                                                          ),
                                                                          'ᾶ',
                                                                          'ᾶ'
                                                                        ),
                                                                        'ᾷ',
                                                                        'ᾶι'
                                                                      ),
                                                                      'ῂ',
                                                                      'ὴι'
                                                                    ),
                                                                    'ῃ',
                                                                    'ηι'
                                                                  ),
                                                                  'ῄ',
                                                                  'ήι'
                                                                ),
                                                                'ῆ',
                                                                'ῆ'
                                                              ),
                                                              'ῇ',
                                                              'ῆι'
                                                            ),
                                                            'ῒ',
                                                            'ῒ'
                                                          ),
                                                          'ΐ',
                                                          'ΐ'
                                                        ),
                                                        'ῖ',
                                                        'ῖ'
                                                      ),
                                                      'ῗ',
                                                      'ῗ'
                                                    ),
                                                    'ῢ',
                                                    'ῢ'
                                                  ),
                                                  'ΰ',
                                                  'ΰ'
                                                ),
                                                'ῤ',
                                                'ῤ'
                                              ),
                                              'ῦ',
                                              'ῦ'
                                            ),
                                            'ῧ',
                                            'ῧ'
                                          ),
                                          'ῲ',
                                          'ὼι'
                                        ),
                                        'ῳ',
                                        'ωι'
                                      ),
                                      'ῴ',
                                      'ώι'
                                    ),
                                    'ῶ',
                                    'ῶ'
                                  ),
                                  'ῷ',
                                  'ῶι'
                                ),
                                'ﬀ',
                                'ff'
                              ),
                              'ﬁ',
                              'fi'
                            ),
                            'ﬂ',
                            'fl'
                          ),
                          'ﬃ',
                          'ffi'
                        ),
                        'ﬄ',
                        'ffl'
                      ),
                      'ﬅ',
                      'st'
                    ),
                    'ﬆ',
                    'st'
                  ),
                  'ﬓ',
                  'մն'
                ),
                'ﬔ',
                'մե'
              ),
              'ﬕ',
              'մի'
            ),
            'ﬖ',
            'վն'
          ),
          'ﬗ',
          'մխ'
        ),
        '(^|[;,|])[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]*(data analytics)[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]*([;,|]|$)'
      )
    END AS `icp_c_offers-analytics`,
    (CASE WHEN LENGTH(CAST(`t`.`country` AS STRING)) = 2 AND NOT INSTR(CAST(`t`.`country` AS STRING), '|') > 0 AND INSTR('|US|GB|DE|FR|CA|AU|IN|NL|ES|IT|SE|CH|BR|JP|SG|IE|IL|CN|MX|BE|DK|NO|FI|AT|PL|NZ|ZA|KR|AE|HK|AD|AF|AG|AI|AL|AM|AO|AQ|AR|AS|AW|AX|AZ|BA|BB|BD|BF|BG|BH|BI|BJ|BL|BM|BN|BO|BQ|BS|BT|BV|BW|BY|BZ|CC|CD|CF|CG|CI|CK|CL|CM|CO|CR|CU|CV|CW|CX|CY|CZ|DJ|DM|DO|DZ|EC|EE|EG|EH|ER|ET|FJ|FK|FM|FO|GA|GD|GE|GF|GG|GH|GI|GL|GM|GN|GP|GQ|GR|GS|GT|GU|GW|GY|HM|HN|HR|HT|HU|ID|IM|IO|IQ|IR|IS|JE|JM|JO|KE|KG|KH|KI|KM|KN|KP|KW|KY|KZ|LA|LB|LC|LI|LK|LR|LS|LT|LU|LV|LY|MA|MC|MD|ME|MF|MG|MH|MK|ML|MM|MN|MO|MP|MQ|MR|MS|MT|MU|MV|MW|MY|MZ|NA|NC|NE|NF|NG|NI|NP|NR|NU|OM|PA|PE|PF|PG|PH|PK|PM|PN|PR|PS|PT|PW|PY|QA|RE|RO|RS|RU|RW|SA|SB|SC|SD|SH|SI|SJ|SK|SL|SM|SN|SO|SR|SS|ST|SV|SX|SY|SZ|TC|TD|TF|TG|TH|TJ|TK|TL|TM|TN|TO|TR|TT|TV|TW|TZ|UA|UG|UM|UY|UZ|VA|VC|VE|VG|VI|VN|VU|WF|WS|XK|YE|YT|ZM|ZW|', CAST(`t`.`country` AS STRING)) > 0 THEN CAST(`t`.`country` AS STRING) WHEN LENGTH(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`country` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`country` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`country` AS STRING) END, '')) > 100 OR (LENGTH(CASE WHEN INSTR(CAST(`t`.`country` AS STRING), '.') > 0 THEN REPLACE(REPLACE(UPPER(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`country` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`country` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`country` AS STRING) END, '')), '.', ''), ' ', '') ELSE UPPER(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`country` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`country` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`country` AS STRING) END, '')) END) <= 3 AND REGEXP_CONTAINS(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`country` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`country` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`country` AS STRING) END, ''), '[^\x01-\x7f]')) THEN NULL ELSE COALESCE(CASE WHEN INSTR(CAST(`t`.`country` AS STRING), '.') > 0 THEN CASE WHEN NOT (INSTR(CAST(`t`.`country` AS STRING), '|') > 0 OR INSTR(CAST(`t`.`country` AS STRING), '=') > 0) THEN NULLIF(SUBSTRING('########################################################################################################|UNITED STATES OF AMERICA=US|US=US|USA=US|BRITAIN=GB|ENGLAND=GB|GB=GB|GREAT BRITAIN=GB|NORTHERN IRELAND=GB|SCOTLAND=GB|UK=GB|WALES=GB|DE=DE|FR=FR|CA=CA|AU=AU|IN=IN|HOLLAND=NL|NL=NL|THE NETHERLANDS=NL|ES=ES|IT=IT|SE=SE|CH=CH|BR=BR|JP=JP|SG=SG|IE=IE|IL=IL|CN=CN|MX=MX|BE=BE|DK=DK|NO=NO|FI=FI|AT=AT|PL=PL|NZ=NZ|ZA=ZA|KR=KR|SOUTH KOREA=KR|AE=AE|UAE=AE|HK=HK|AD=AD|AF=AF|AG=AG|AI=AI|AL=AL|AM=AM|AO=AO|AQ=AQ|AR=AR|AS=AS|AW=AW|AX=AX|AZ=AZ|BA=BA|BB=BB|BD=BD|BF=BF|BG=BG|BH=BH|BI=BI|BJ=BJ|BL=BL|BM=BM|BN=BN|BO=BO|BOLIVIA=BO|BQ=BQ|BS=BS|BT=BT|BV=BV|BW=BW|BY=BY|BZ=BZ|CC=CC|CD=CD|CF=CF|CG=CG|CI=CI|CK=CK|CL=CL|CM=CM|CO=CO|CR=CR|CU=CU|CV=CV|CW=CW|CX=CX|CY=CY|CZ=CZ|CZECH REPUBLIC=CZ|CZECHIA=CZ|DJ=DJ|DM=DM|DO=DO|DZ=DZ|EC=EC|EE=EE|EG=EG|EH=EH|EL=GR|ER=ER|ET=ET|FJ=FJ|FK=FK|FM=FM|FO=FO|GA=GA|GD=GD|GE=GE|GF=GF|GG=GG|GH=GH|GI=GI|GL=GL|GM=GM|GN=GN|GP=GP|GQ=GQ|GR=GR|GS=GS|GT=GT|GU=GU|GW=GW|GY=GY|HM=HM|HN=HN|HR=HR|HT=HT|HU=HU|ID=ID|IM=IM|IO=IO|IQ=IQ|IR=IR|IRAN=IR|IS=IS|IVORY COAST=CI|JE=JE|JM=JM|JO=JO|KE=KE|KG=KG|KH=KH|KI=KI|KM=KM|KN=KN|KOSOVO=XK|KP=KP|KW=KW|KY=KY|KZ=KZ|LA=LA|LAOS=LA|LB=LB|LC=LC|LI=LI|LK=LK|LR=LR|LS=LS|LT=LT|LU=LU|LV=LV|LY=LY|MA=MA|MC=MC|MD=MD|ME=ME|MF=MF|MG=MG|MH=MH|MK=MK|ML=ML|MM=MM|MN=MN|MO=MO|MOLDOVA=MD|MP=MP|MQ=MQ|MR=MR|MS=MS|MT=MT|MU=MU|MV=MV|MW=MW|MY=MY|MZ=MZ|NA=NA|NC=NC|NE=NE|NF=NF|NG=NG|NI=NI|NORTH KOREA=KP|NP=NP|NR=NR|NU=NU|OM=OM|PA=PA|PE=PE|PF=PF|PG=PG|PH=PH|PK=PK|PM=PM|PN=PN|PR=PR|PS=PS|PT=PT|PW=PW|PY=PY|QA=QA|RE=RE|RO=RO|RS=RS|RU=RU|RUSSIA=RU|RW=RW|SA=SA|SB=SB|SC=SC|SD=SD|SH=SH|SI=SI|SJ=SJ|SK=SK|SL=SL|SM=SM|SN=SN|SO=SO|SR=SR|SS=SS|ST=ST|SV=SV|SX=SX|SY=SY|SYRIA=SY|SZ=SZ|TAIWAN=TW|TANZANIA=TZ|TC=TC|TD=TD|TF=TF|TG=TG|TH=TH|TJ=TJ|TK=TK|TL=TL|TM=TM|TN=TN|TO=TO|TR=TR|TT=TT|TURKEY=TR|TV=TV|TW=TW|TZ=TZ|UA=UA|UG=UG|UM=UM|UY=UY|UZ=UZ|VA=VA|VC=VC|VE=VE|VENEZUELA=VE|VG=VG|VI=VI|VIETNAM=VN|VN=VN|VU=VU|WF=WF|WS=WS|XK=XK|YE=YE|YT=YT|ZM=ZM|ZW=ZW|', INSTR('########################################################################################################|UNITED STATES OF AMERICA=US|US=US|USA=US|BRITAIN=GB|ENGLAND=GB|GB=GB|GREAT BRITAIN=GB|NORTHERN IRELAND=GB|SCOTLAND=GB|UK=GB|WALES=GB|DE=DE|FR=FR|CA=CA|AU=AU|IN=IN|HOLLAND=NL|NL=NL|THE NETHERLANDS=NL|ES=ES|IT=IT|SE=SE|CH=CH|BR=BR|JP=JP|SG=SG|IE=IE|IL=IL|CN=CN|MX=MX|BE=BE|DK=DK|NO=NO|FI=FI|AT=AT|PL=PL|NZ=NZ|ZA=ZA|KR=KR|SOUTH KOREA=KR|AE=AE|UAE=AE|HK=HK|AD=AD|AF=AF|AG=AG|AI=AI|AL=AL|AM=AM|AO=AO|AQ=AQ|AR=AR|AS=AS|AW=AW|AX=AX|AZ=AZ|BA=BA|BB=BB|BD=BD|BF=BF|BG=BG|BH=BH|BI=BI|BJ=BJ|BL=BL|BM=BM|BN=BN|BO=BO|BOLIVIA=BO|BQ=BQ|BS=BS|BT=BT|BV=BV|BW=BW|BY=BY|BZ=BZ|CC=CC|CD=CD|CF=CF|CG=CG|CI=CI|CK=CK|CL=CL|CM=CM|CO=CO|CR=CR|CU=CU|CV=CV|CW=CW|CX=CX|CY=CY|CZ=CZ|CZECH REPUBLIC=CZ|CZECHIA=CZ|DJ=DJ|DM=DM|DO=DO|DZ=DZ|EC=EC|EE=EE|EG=EG|EH=EH|EL=GR|ER=ER|ET=ET|FJ=FJ|FK=FK|FM=FM|FO=FO|GA=GA|GD=GD|GE=GE|GF=GF|GG=GG|GH=GH|GI=GI|GL=GL|GM=GM|GN=GN|GP=GP|GQ=GQ|GR=GR|GS=GS|GT=GT|GU=GU|GW=GW|GY=GY|HM=HM|HN=HN|HR=HR|HT=HT|HU=HU|ID=ID|IM=IM|IO=IO|IQ=IQ|IR=IR|IRAN=IR|IS=IS|IVORY COAST=CI|JE=JE|JM=JM|JO=JO|KE=KE|KG=KG|KH=KH|KI=KI|KM=KM|KN=KN|KOSOVO=XK|KP=KP|KW=KW|KY=KY|KZ=KZ|LA=LA|LAOS=LA|LB=LB|LC=LC|LI=LI|LK=LK|LR=LR|LS=LS|LT=LT|LU=LU|LV=LV|LY=LY|MA=MA|MC=MC|MD=MD|ME=ME|MF=MF|MG=MG|MH=MH|MK=MK|ML=ML|MM=MM|MN=MN|MO=MO|MOLDOVA=MD|MP=MP|MQ=MQ|MR=MR|MS=MS|MT=MT|MU=MU|MV=MV|MW=MW|MY=MY|MZ=MZ|NA=NA|NC=NC|NE=NE|NF=NF|NG=NG|NI=NI|NORTH KOREA=KP|NP=NP|NR=NR|NU=NU|OM=OM|PA=PA|PE=PE|PF=PF|PG=PG|PH=PH|PK=PK|PM=PM|PN=PN|PR=PR|PS=PS|PT=PT|PW=PW|PY=PY|QA=QA|RE=RE|RO=RO|RS=RS|RU=RU|RUSSIA=RU|RW=RW|SA=SA|SB=SB|SC=SC|SD=SD|SH=SH|SI=SI|SJ=SJ|SK=SK|SL=SL|SM=SM|SN=SN|SO=SO|SR=SR|SS=SS|ST=ST|SV=SV|SX=SX|SY=SY|SYRIA=SY|SZ=SZ|TAIWAN=TW|TANZANIA=TZ|TC=TC|TD=TD|TF=TF|TG=TG|TH=TH|TJ=TJ|TK=TK|TL=TL|TM=TM|TN=TN|TO=TO|TR=TR|TT=TT|TURKEY=TR|TV=TV|TW=TW|TZ=TZ|UA=UA|UG=UG|UM=UM|UY=UY|UZ=UZ|VA=VA|VC=VC|VE=VE|VENEZUELA=VE|VG=VG|VI=VI|VIETNAM=VN|VN=VN|VU=VU|WF=WF|WS=WS|XK=XK|YE=YE|YT=YT|ZM=ZM|ZW=ZW|', '|' || REPLACE(REPLACE(UPPER(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`country` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`country` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`country` AS STRING) END, '')), '.', ''), ' ', '') || '=') + LENGTH(REPLACE(REPLACE(UPPER(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`country` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`country` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`country` AS STRING) END, '')), '.', ''), ' ', '')) + 2, 2), '##') END END, CASE WHEN NOT (INSTR(CAST(`t`.`country` AS STRING), '|') > 0 OR INSTR(CAST(`t`.`country` AS STRING), '=') > 0) THEN NULLIF(SUBSTRING('########################################################################################################|UNITED STATES=US|UNITED STATES OF AMERICA=US|US=US|USA=US|BRITAIN=GB|ENGLAND=GB|GB=GB|GBR=GB|GREAT BRITAIN=GB|NORTHERN IRELAND=GB|SCOTLAND=GB|UK=GB|UNITED KINGDOM=GB|UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND=GB|WALES=GB|DE=DE|DEU=DE|FEDERAL REPUBLIC OF GERMANY=DE|GERMANY=DE|FR=FR|FRA=FR|FRANCE=FR|FRENCH REPUBLIC=FR|CA=CA|CAN=CA|CANADA=CA|AU=AU|AUS=AU|AUSTRALIA=AU|IN=IN|IND=IN|INDIA=IN|REPUBLIC OF INDIA=IN|HOLLAND=NL|KINGDOM OF THE NETHERLANDS=NL|NETHERLANDS=NL|NL=NL|NLD=NL|THE NETHERLANDS=NL|ES=ES|ESP=ES|KINGDOM OF SPAIN=ES|SPAIN=ES|IT=IT|ITA=IT|ITALIAN REPUBLIC=IT|ITALY=IT|KINGDOM OF SWEDEN=SE|SE=SE|SWE=SE|SWEDEN=SE|CH=CH|CHE=CH|SWISS CONFEDERATION=CH|SWITZERLAND=CH|BR=BR|BRA=BR|BRAZIL=BR|FEDERATIVE REPUBLIC OF BRAZIL=BR|JAPAN=JP|JP=JP|JPN=JP|REPUBLIC OF SINGAPORE=SG|SG=SG|SGP=SG|SINGAPORE=SG|IE=IE|IRELAND=IE|IRL=IE|IL=IL|ISR=IL|ISRAEL=IL|STATE OF ISRAEL=IL|CHINA=CN|CHN=CN|CN=CN|PEOPLE\'S REPUBLIC OF CHINA=CN|PEOPLE’S REPUBLIC OF CHINA=CN|MEX=MX|MEXICO=MX|MX=MX|UNITED MEXICAN STATES=MX|BE=BE|BEL=BE|BELGIUM=BE|KINGDOM OF BELGIUM=BE|DENMARK=DK|DK=DK|DNK=DK|KINGDOM OF DENMARK=DK|KINGDOM OF NORWAY=NO|NO=NO|NOR=NO|NORWAY=NO|FI=FI|FIN=FI|FINLAND=FI|REPUBLIC OF FINLAND=FI|AT=AT|AUSTRIA=AT|AUT=AT|REPUBLIC OF AUSTRIA=AT|PL=PL|POL=PL|POLAND=PL|REPUBLIC OF POLAND=PL|NEW ZEALAND=NZ|NZ=NZ|NZL=NZ|REPUBLIC OF SOUTH AFRICA=ZA|SOUTH AFRICA=ZA|ZA=ZA|ZAF=ZA|KOR=KR|KOREA, REPUBLIC OF=KR|KR=KR|SOUTH KOREA=KR|AE=AE|ARE=AE|UAE=AE|UNITED ARAB EMIRATES=AE|HK=HK|HKG=HK|HONG KONG=HK|HONG KONG SPECIAL ADMINISTRATIVE REGION OF CHINA=HK|ABW=AW|AD=AD|AF=AF|AFG=AF|AFGHANISTAN=AF|AG=AG|AGO=AO|AI=AI|AIA=AI|AL=AL|ALA=AX|ALB=AL|ALBANIA=AL|ALGERIA=DZ|AM=AM|AMERICAN SAMOA=AS|AND=AD|ANDORRA=AD|ANGOLA=AO|ANGUILLA=AI|ANTARCTICA=AQ|ANTIGUA AND BARBUDA=AG|AO=AO|AQ=AQ|AR=AR|ARAB REPUBLIC OF EGYPT=EG|ARG=AR|ARGENTINA=AR|ARGENTINE REPUBLIC=AR|ARM=AM|ARMENIA=AM|ARUBA=AW|AS=AS|ASM=AS|ATA=AQ|ATF=TF|ATG=AG|AW=AW|AX=AX|AZ=AZ|AZE=AZ|AZERBAIJAN=AZ|BA=BA|BAHAMAS=BS|BAHRAIN=BH|BANGLADESH=BD|BARBADOS=BB|BB=BB|BD=BD|BDI=BI|BELARUS=BY|BELIZE=BZ|BEN=BJ|BENIN=BJ|BERMUDA=BM|BES=BQ|BF=BF|BFA=BF|BG=BG|BGD=BD|BGR=BG|BH=BH|BHR=BH|BHS=BS|BHUTAN=BT|BI=BI|BIH=BA|BJ=BJ|BL=BL|BLM=BL|BLR=BY|BLZ=BZ|BM=BM|BMU=BM|BN=BN|BO=BO|BOL=BO|BOLIVARIAN REPUBLIC OF VENEZUELA=VE|BOLIVIA=BO|BOLIVIA, PLURINATIONAL STATE OF=BO|BONAIRE, SINT EUSTATIUS AND SABA=BQ|BOSNIA AND HERZEGOVINA=BA|BOTSWANA=BW|BOUVET ISLAND=BV|BQ=BQ|BRB=BB|BRITISH INDIAN OCEAN TERRITORY=IO|BRITISH VIRGIN ISLANDS=VG|BRN=BN|BRUNEI DARUSSALAM=BN|BS=BS|BT=BT|BTN=BT|BULGARIA=BG|BURKINA FASO=BF|BURUNDI=BI|BV=BV|BVT=BV|BW=BW|BWA=BW|BY=BY|BZ=BZ|CABO VERDE=CV|CAF=CF|CAMBODIA=KH|CAMEROON=CM|CAYMAN ISLANDS=KY|CC=CC|CCK=CC|CD=CD|CENTRAL AFRICAN REPUBLIC=CF|CF=CF|CG=CG|CHAD=TD|CHILE=CL|CHL=CL|CHRISTMAS ISLAND=CX|CI=CI|CIV=CI|CK=CK|CL=CL|CM=CM|CMR=CM|CO=CO|COCOS (KEELING) ISLANDS=CC|COD=CD|COG=CG|COK=CK|COL=CO|COLOMBIA=CO|COM=KM|COMMONWEALTH OF DOMINICA=DM|COMMONWEALTH OF THE BAHAMAS=BS|COMMONWEALTH OF THE NORTHERN MARIANA ISLANDS=MP|COMOROS=KM|CONGO=CG|CONGO, THE DEMOCRATIC REPUBLIC OF THE=CD|COOK ISLANDS=CK|COSTA RICA=CR|CPV=CV|CR=CR|CRI=CR|CROATIA=HR|CU=CU|CUB=CU|CUBA=CU|CURAÇAO=CW|CUW=CW|CV=CV|CW=CW|CX=CX|CXR=CX|CY=CY|CYM=KY|CYP=CY|CYPRUS=CY|CZ=CZ|CZE=CZ|CZECH REPUBLIC=CZ|CZECHIA=CZ|CÔTE D\'IVOIRE=CI|CÔTE D’IVOIRE=CI|DEMOCRATIC PEOPLE\'S REPUBLIC OF KOREA=KP|DEMOCRATIC PEOPLE’S REPUBLIC OF KOREA=KP|DEMOCRATIC REPUBLIC OF SAO TOME AND PRINCIPE=ST|DEMOCRATIC REPUBLIC OF TIMOR-LESTE=TL|DEMOCRATIC SOCIALIST REPUBLIC OF SRI LANKA=LK|DJ=DJ|DJI=DJ|DJIBOUTI=DJ|DM=DM|DMA=DM|DO=DO|DOM=DO|DOMINICA=DM|DOMINICAN REPUBLIC=DO|DZ=DZ|DZA=DZ|EASTERN REPUBLIC OF URUGUAY=UY|EC=EC|ECU=EC|ECUADOR=EC|EE=EE|EG=EG|EGY=EG|EGYPT=EG|EH=EH|EL=GR|EL SALVADOR=SV|EQUATORIAL GUINEA=GQ|ER=ER|ERI=ER|ERITREA=ER|ESH=EH|EST=EE|ESTONIA=EE|ESWATINI=SZ|ET=ET|ETH=ET|ETHIOPIA=ET|FALKLAND ISLANDS (MALVINAS)=FK|FAROE ISLANDS=FO|FEDERAL DEMOCRATIC REPUBLIC OF ETHIOPIA=ET|FEDERAL DEMOCRATIC REPUBLIC OF NEPAL=NP|FEDERAL REPUBLIC OF NIGERIA=NG|FEDERAL REPUBLIC OF SOMALIA=SO|FEDERATED STATES OF MICRONESIA=FM|FIJI=FJ|FJ=FJ|FJI=FJ|FK=FK|FLK=FK|FM=FM|FO=FO|FRENCH GUIANA=GF|FRENCH POLYNESIA=PF|FRENCH SOUTHERN TERRITORIES=TF|FRO=FO|FSM=FM|GA=GA|GAB=GA|GABON=GA|GABONESE REPUBLIC=GA|GAMBIA=GM|GD=GD|GE=GE|GEO=GE|GEORGIA=GE|GF=GF|GG=GG|GGY=GG|GH=GH|GHA=GH|GHANA=GH|GI=GI|GIB=GI|GIBRALTAR=GI|GIN=GN|GL=GL|GLP=GP|GM=GM|GMB=GM|GN=GN|GNB=GW|GNQ=GQ|GP=GP|GQ=GQ|GR=GR|GRAND DUCHY OF LUXEMBOURG=LU|GRC=GR|GRD=GD|GREECE=GR|GREENLAND=GL|GRENADA=GD|GRL=GL|GS=GS|GT=GT|GTM=GT|GU=GU|GUADELOUPE=GP|GUAM=GU|GUATEMALA=GT|GUERNSEY=GG|GUF=GF|GUINEA=GN|GUINEA-BISSAU=GW|GUM=GU|GUY=GY|GUYANA=GY|GW=GW|GY=GY|HAITI=HT|HASHEMITE KINGDOM OF JORDAN=JO|HEARD ISLAND AND MCDONALD ISLANDS=HM|HELLENIC REPUBLIC=GR|HM=HM|HMD=HM|HN=HN|HND=HN|HOLY SEE (VATICAN CITY STATE)=VA|HONDURAS=HN|HR=HR|HRV=HR|HT=HT|HTI=HT|HU=HU|HUN=HU|HUNGARY=HU|ICELAND=IS|ID=ID|IDN=ID|IM=IM|IMN=IM|INDEPENDENT STATE OF PAPUA NEW GUINEA=PG|INDEPENDENT STATE OF SAMOA=WS|INDONESIA=ID|IO=IO|IOT=IO|IQ=IQ|IR=IR|IRAN=IR|IRAN, ISLAMIC REPUBLIC OF=IR|IRAQ=IQ|IRN=IR|IRQ=IQ|IS=IS|ISL=IS|ISLAMIC REPUBLIC OF AFGHANISTAN=AF|ISLAMIC REPUBLIC OF IRAN=IR|ISLAMIC REPUBLIC OF MAURITANIA=MR|ISLAMIC REPUBLIC OF PAKISTAN=PK|ISLE OF MAN=IM|IVORY COAST=CI|JAM=JM|JAMAICA=JM|JE=JE|JERSEY=JE|JEY=JE|JM=JM|JO=JO|JOR=JO|JORDAN=JO|KAZ=KZ|KAZAKHSTAN=KZ|KE=KE|KEN=KE|KENYA=KE|KG=KG|KGZ=KG|KH=KH|KHM=KH|KI=KI|KINGDOM OF BAHRAIN=BH|KINGDOM OF BHUTAN=BT|KINGDOM OF CAMBODIA=KH|KINGDOM OF ESWATINI=SZ|KINGDOM OF LESOTHO=LS|KINGDOM OF MOROCCO=MA|KINGDOM OF SAUDI ARABIA=SA|KINGDOM OF THAILAND=TH|KINGDOM OF TONGA=TO|KIR=KI|KIRIBATI=KI|KM=KM|KN=KN|KNA=KN|KOREA, DEMOCRATIC PEOPLE\'S REPUBLIC OF=KP|KOREA, DEMOCRATIC PEOPLE’S REPUBLIC OF=KP|KOSOVO=XK|KP=KP|KUWAIT=KW|KW=KW|KWT=KW|KY=KY|KYRGYZ REPUBLIC=KG|KYRGYZSTAN=KG|KZ=KZ|LA=LA|LAO=LA|LAO PEOPLE\'S DEMOCRATIC REPUBLIC=LA|LAO PEOPLE’S DEMOCRATIC REPUBLIC=LA|LAOS=LA|LATVIA=LV|LB=LB|LBN=LB|LBR=LR|LBY=LY|LC=LC|LCA=LC|LEBANESE REPUBLIC=LB|LEBANON=LB|LESOTHO=LS|LI=LI|LIBERIA=LR|LIBYA=LY|LIE=LI|LIECHTENSTEIN=LI|LITHUANIA=LT|LK=LK|LKA=LK|LR=LR|LS=LS|LSO=LS|LT=LT|LTU=LT|LU=LU|LUX=LU|LUXEMBOURG=LU|LV=LV|LVA=LV|LY=LY|MA=MA|MAC=MO|MACAO=MO|MACAO SPECIAL ADMINISTRATIVE REGION OF CHINA=MO|MADAGASCAR=MG|MAF=MF|MALAWI=MW|MALAYSIA=MY|MALDIVES=MV|MALI=ML|MALTA=MT|MAR=MA|MARSHALL ISLANDS=MH|MARTINIQUE=MQ|MAURITANIA=MR|MAURITIUS=MU|MAYOTTE=YT|MC=MC|MCO=MC|MD=MD|MDA=MD|MDG=MG|MDV=MV|ME=ME|MF=MF|MG=MG|MH=MH|MHL=MH|MICRONESIA, FEDERATED STATES OF=FM|MK=MK|MKD=MK|ML=ML|MLI=ML|MLT=MT|MM=MM|MMR=MM|MN=MN|MNE=ME|MNG=MN|MNP=MP|MO=MO|MOLDOVA=MD|MOLDOVA, REPUBLIC OF=MD|MONACO=MC|MONGOLIA=MN|MONTENEGRO=ME|MONTSERRAT=MS|MOROCCO=MA|MOZ=MZ|MOZAMBIQUE=MZ|MP=MP|MQ=MQ|MR=MR|MRT=MR|MS=MS|MSR=MS|MT=MT|MTQ=MQ|MU=MU|MUS=MU|MV=MV|MW=MW|MWI=MW|MY=MY|MYANMAR=MM|MYS=MY|MYT=YT|MZ=MZ|NA=NA|NAM=NA|NAMIBIA=NA|NAURU=NR|NC=NC|NCL=NC|NE=NE|NEPAL=NP|NER=NE|NEW CALEDONIA=NC|NF=NF|NFK=NF|NG=NG|NGA=NG|NI=NI|NIC=NI|NICARAGUA=NI|NIGER=NE|NIGERIA=NG|NIU=NU|NIUE=NU|NORFOLK ISLAND=NF|NORTH KOREA=KP|NORTH MACEDONIA=MK|NORTHERN MARIANA ISLANDS=MP|NP=NP|NPL=NP|NR=NR|NRU=NR|NU=NU|OM=OM|OMAN=OM|OMN=OM|PA=PA|PAK=PK|PAKISTAN=PK|PALAU=PW|PALESTINE, STATE OF=PS|PAN=PA|PANAMA=PA|PAPUA NEW GUINEA=PG|PARAGUAY=PY|PCN=PN|PE=PE|PEOPLE\'S DEMOCRATIC REPUBLIC OF ALGERIA=DZ|PEOPLE\'S REPUBLIC OF BANGLADESH=BD|PEOPLE’S DEMOCRATIC REPUBLIC OF ALGERIA=DZ|PEOPLE’S REPUBLIC OF BANGLADESH=BD|PER=PE|PERU=PE|PF=PF|PG=PG|PH=PH|PHILIPPINES=PH|PHL=PH|PITCAIRN=PN|PK=PK|PLURINATIONAL STATE OF BOLIVIA=BO|PLW=PW|PM=PM|PN=PN|PNG=PG|PORTUGAL=PT|PORTUGUESE REPUBLIC=PT|PR=PR|PRI=PR|PRINCIPALITY OF ANDORRA=AD|PRINCIPALITY OF LIECHTENSTEIN=LI|PRINCIPALITY OF MONACO=MC|PRK=KP|PRT=PT|PRY=PY|PS=PS|PSE=PS|PT=PT|PUERTO RICO=PR|PW=PW|PY=PY|PYF=PF|QA=QA|QAT=QA|QATAR=QA|RE=RE|REPUBLIC OF ALBANIA=AL|REPUBLIC OF ANGOLA=AO|REPUBLIC OF ARMENIA=AM|REPUBLIC OF AZERBAIJAN=AZ|REPUBLIC OF BELARUS=BY|REPUBLIC OF BENIN=BJ|REPUBLIC OF BOSNIA AND HERZEGOVINA=BA|REPUBLIC OF BOTSWANA=BW|REPUBLIC OF BULGARIA=BG|REPUBLIC OF BURUNDI=BI|REPUBLIC OF CABO VERDE=CV|REPUBLIC OF CAMEROON=CM|REPUBLIC OF CHAD=TD|REPUBLIC OF CHILE=CL|REPUBLIC OF COLOMBIA=CO|REPUBLIC OF COSTA RICA=CR|REPUBLIC OF CROATIA=HR|REPUBLIC OF CUBA=CU|REPUBLIC OF CYPRUS=CY|REPUBLIC OF CÔTE D\'IVOIRE=CI|REPUBLIC OF CÔTE D’IVOIRE=CI|REPUBLIC OF DJIBOUTI=DJ|REPUBLIC OF ECUADOR=EC|REPUBLIC OF EL SALVADOR=SV|REPUBLIC OF EQUATORIAL GUINEA=GQ|REPUBLIC OF ESTONIA=EE|REPUBLIC OF FIJI=FJ|REPUBLIC OF GHANA=GH|REPUBLIC OF GUATEMALA=GT|REPUBLIC OF GUINEA=GN|REPUBLIC OF GUINEA-BISSAU=GW|REPUBLIC OF GUYANA=GY|REPUBLIC OF HAITI=HT|REPUBLIC OF HONDURAS=HN|REPUBLIC OF ICELAND=IS|REPUBLIC OF INDONESIA=ID|REPUBLIC OF IRAQ=IQ|REPUBLIC OF KAZAKHSTAN=KZ|REPUBLIC OF KENYA=KE|REPUBLIC OF KIRIBATI=KI|REPUBLIC OF LATVIA=LV|REPUBLIC OF LIBERIA=LR|REPUBLIC OF LITHUANIA=LT|REPUBLIC OF MADAGASCAR=MG|REPUBLIC OF MALAWI=MW|REPUBLIC OF MALDIVES=MV|REPUBLIC OF MALI=ML|REPUBLIC OF MALTA=MT|REPUBLIC OF MAURITIUS=MU|REPUBLIC OF MOLDOVA=MD|REPUBLIC OF MOZAMBIQUE=MZ|REPUBLIC OF MYANMAR=MM|REPUBLIC OF NAMIBIA=NA|REPUBLIC OF NAURU=NR|REPUBLIC OF NICARAGUA=NI|REPUBLIC OF NORTH MACEDONIA=MK|REPUBLIC OF PALAU=PW|REPUBLIC OF PANAMA=PA|REPUBLIC OF PARAGUAY=PY|REPUBLIC OF PERU=PE|REPUBLIC OF SAN MARINO=SM|REPUBLIC OF SENEGAL=SN|REPUBLIC OF SERBIA=RS|REPUBLIC OF SEYCHELLES=SC|REPUBLIC OF SIERRA LEONE=SL|REPUBLIC OF SLOVENIA=SI|REPUBLIC OF SOUTH SUDAN=SS|REPUBLIC OF SURINAME=SR|REPUBLIC OF TAJIKISTAN=TJ|REPUBLIC OF THE CONGO=CG|REPUBLIC OF THE GAMBIA=GM|REPUBLIC OF THE MARSHALL ISLANDS=MH|REPUBLIC OF THE NIGER=NE|REPUBLIC OF THE PHILIPPINES=PH|REPUBLIC OF THE SUDAN=SD|REPUBLIC OF TRINIDAD AND TOBAGO=TT|REPUBLIC OF TUNISIA=TN|REPUBLIC OF TÜRKIYE=TR|REPUBLIC OF UGANDA=UG|REPUBLIC OF UZBEKISTAN=UZ|REPUBLIC OF VANUATU=VU|REPUBLIC OF YEMEN=YE|REPUBLIC OF ZAMBIA=ZM|REPUBLIC OF ZIMBABWE=ZW|REU=RE|RO=RO|ROMANIA=RO|ROU=RO|RS=RS|RU=RU|RUS=RU|RUSSIA=RU|RUSSIAN FEDERATION=RU|RW=RW|RWA=RW|RWANDA=RW|RWANDESE REPUBLIC=RW|RÉUNION=RE|SA=SA|SAINT BARTHÉLEMY=BL|SAINT HELENA, ASCENSION AND TRISTAN DA CUNHA=SH|SAINT KITTS AND NEVIS=KN|SAINT LUCIA=LC|SAINT MARTIN (FRENCH PART)=MF|SAINT PIERRE AND MIQUELON=PM|SAINT VINCENT AND THE GRENADINES=VC|SAMOA=WS|SAN MARINO=SM|SAO TOME AND PRINCIPE=ST|SAU=SA|SAUDI ARABIA=SA|SB=SB|SC=SC|SD=SD|SDN=SD|SEN=SN|SENEGAL=SN|SERBIA=RS|SEYCHELLES=SC|SGS=GS|SH=SH|SHN=SH|SI=SI|SIERRA LEONE=SL|SINT MAARTEN (DUTCH PART)=SX|SJ=SJ|SJM=SJ|SK=SK|SL=SL|SLB=SB|SLE=SL|SLOVAK REPUBLIC=SK|SLOVAKIA=SK|SLOVENIA=SI|SLV=SV|SM=SM|SMR=SM|SN=SN|SO=SO|SOCIALIST REPUBLIC OF VIET NAM=VN|SOLOMON ISLANDS=SB|SOM=SO|SOMALIA=SO|SOUTH GEORGIA AND THE SOUTH SANDWICH ISLANDS=GS|SOUTH SUDAN=SS|SPM=PM|SR=SR|SRB=RS|SRI LANKA=LK|SS=SS|SSD=SS|ST=ST|STATE OF KUWAIT=KW|STATE OF QATAR=QA|STP=ST|SUDAN=SD|SULTANATE OF OMAN=OM|SUR=SR|SURINAME=SR|SV=SV|SVALBARD AND JAN MAYEN=SJ|SVK=SK|SVN=SI|SWZ=SZ|SX=SX|SXM=SX|SY=SY|SYC=SC|SYR=SY|SYRIA=SY|SYRIAN ARAB REPUBLIC=SY|SZ=SZ|TAIWAN=TW|TAIWAN, PROVINCE OF CHINA=TW|TAJIKISTAN=TJ|TANZANIA=TZ|TANZANIA, UNITED REPUBLIC OF=TZ|TC=TC|TCA=TC|TCD=TD|TD=TD|TF=TF|TG=TG|TGO=TG|TH=TH|THA=TH|THAILAND=TH|THE STATE OF ERITREA=ER|THE STATE OF PALESTINE=PS|TIMOR-LESTE=TL|TJ=TJ|TJK=TJ|TK=TK|TKL=TK|TKM=TM|TL=TL|TLS=TL|TM=TM|TN=TN|TO=TO|TOGO=TG|TOGOLESE REPUBLIC=TG|TOKELAU=TK|TON=TO|TONGA=TO|TR=TR|TRINIDAD AND TOBAGO=TT|TT=TT|TTO=TT|TUN=TN|TUNISIA=TN|TUR=TR|TURKEY=TR|TURKMENISTAN=TM|TURKS AND CAICOS ISLANDS=TC|TUV=TV|TUVALU=TV|TV=TV|TW=TW|TWN=TW|TZ=TZ|TZA=TZ|TÜRKIYE=TR|UA=UA|UG=UG|UGA=UG|UGANDA=UG|UKR=UA|UKRAINE=UA|UM=UM|UMI=UM|UNION OF THE COMOROS=KM|UNITED REPUBLIC OF TANZANIA=TZ|UNITED STATES MINOR OUTLYING ISLANDS=UM|URUGUAY=UY|URY=UY|UY=UY|UZ=UZ|UZB=UZ|UZBEKISTAN=UZ|VA=VA|VANUATU=VU|VAT=VA|VC=VC|VCT=VC|VE=VE|VEN=VE|VENEZUELA=VE|VENEZUELA, BOLIVARIAN REPUBLIC OF=VE|VG=VG|VGB=VG|VI=VI|VIET NAM=VN|VIETNAM=VN|VIR=VI|VIRGIN ISLANDS OF THE UNITED STATES=VI|VIRGIN ISLANDS, BRITISH=VG|VIRGIN ISLANDS, U.S.=VI|VN=VN|VNM=VN|VU=VU|VUT=VU|WALLIS AND FUTUNA=WF|WESTERN SAHARA=EH|WF=WF|WLF=WF|WS=WS|WSM=WS|XK=XK|YE=YE|YEM=YE|YEMEN=YE|YT=YT|ZAMBIA=ZM|ZIMBABWE=ZW|ZM=ZM|ZMB=ZM|ZW=ZW|ZWE=ZW|ÅLAND ISLANDS=AX|', INSTR('########################################################################################################|UNITED STATES=US|UNITED STATES OF AMERICA=US|US=US|USA=US|BRITAIN=GB|ENGLAND=GB|GB=GB|GBR=GB|GREAT BRITAIN=GB|NORTHERN IRELAND=GB|SCOTLAND=GB|UK=GB|UNITED KINGDOM=GB|UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND=GB|WALES=GB|DE=DE|DEU=DE|FEDERAL REPUBLIC OF GERMANY=DE|GERMANY=DE|FR=FR|FRA=FR|FRANCE=FR|FRENCH REPUBLIC=FR|CA=CA|CAN=CA|CANADA=CA|AU=AU|AUS=AU|AUSTRALIA=AU|IN=IN|IND=IN|INDIA=IN|REPUBLIC OF INDIA=IN|HOLLAND=NL|KINGDOM OF THE NETHERLANDS=NL|NETHERLANDS=NL|NL=NL|NLD=NL|THE NETHERLANDS=NL|ES=ES|ESP=ES|KINGDOM OF SPAIN=ES|SPAIN=ES|IT=IT|ITA=IT|ITALIAN REPUBLIC=IT|ITALY=IT|KINGDOM OF SWEDEN=SE|SE=SE|SWE=SE|SWEDEN=SE|CH=CH|CHE=CH|SWISS CONFEDERATION=CH|SWITZERLAND=CH|BR=BR|BRA=BR|BRAZIL=BR|FEDERATIVE REPUBLIC OF BRAZIL=BR|JAPAN=JP|JP=JP|JPN=JP|REPUBLIC OF SINGAPORE=SG|SG=SG|SGP=SG|SINGAPORE=SG|IE=IE|IRELAND=IE|IRL=IE|IL=IL|ISR=IL|ISRAEL=IL|STATE OF ISRAEL=IL|CHINA=CN|CHN=CN|CN=CN|PEOPLE\'S REPUBLIC OF CHINA=CN|PEOPLE’S REPUBLIC OF CHINA=CN|MEX=MX|MEXICO=MX|MX=MX|UNITED MEXICAN STATES=MX|BE=BE|BEL=BE|BELGIUM=BE|KINGDOM OF BELGIUM=BE|DENMARK=DK|DK=DK|DNK=DK|KINGDOM OF DENMARK=DK|KINGDOM OF NORWAY=NO|NO=NO|NOR=NO|NORWAY=NO|FI=FI|FIN=FI|FINLAND=FI|REPUBLIC OF FINLAND=FI|AT=AT|AUSTRIA=AT|AUT=AT|REPUBLIC OF AUSTRIA=AT|PL=PL|POL=PL|POLAND=PL|REPUBLIC OF POLAND=PL|NEW ZEALAND=NZ|NZ=NZ|NZL=NZ|REPUBLIC OF SOUTH AFRICA=ZA|SOUTH AFRICA=ZA|ZA=ZA|ZAF=ZA|KOR=KR|KOREA, REPUBLIC OF=KR|KR=KR|SOUTH KOREA=KR|AE=AE|ARE=AE|UAE=AE|UNITED ARAB EMIRATES=AE|HK=HK|HKG=HK|HONG KONG=HK|HONG KONG SPECIAL ADMINISTRATIVE REGION OF CHINA=HK|ABW=AW|AD=AD|AF=AF|AFG=AF|AFGHANISTAN=AF|AG=AG|AGO=AO|AI=AI|AIA=AI|AL=AL|ALA=AX|ALB=AL|ALBANIA=AL|ALGERIA=DZ|AM=AM|AMERICAN SAMOA=AS|AND=AD|ANDORRA=AD|ANGOLA=AO|ANGUILLA=AI|ANTARCTICA=AQ|ANTIGUA AND BARBUDA=AG|AO=AO|AQ=AQ|AR=AR|ARAB REPUBLIC OF EGYPT=EG|ARG=AR|ARGENTINA=AR|ARGENTINE REPUBLIC=AR|ARM=AM|ARMENIA=AM|ARUBA=AW|AS=AS|ASM=AS|ATA=AQ|ATF=TF|ATG=AG|AW=AW|AX=AX|AZ=AZ|AZE=AZ|AZERBAIJAN=AZ|BA=BA|BAHAMAS=BS|BAHRAIN=BH|BANGLADESH=BD|BARBADOS=BB|BB=BB|BD=BD|BDI=BI|BELARUS=BY|BELIZE=BZ|BEN=BJ|BENIN=BJ|BERMUDA=BM|BES=BQ|BF=BF|BFA=BF|BG=BG|BGD=BD|BGR=BG|BH=BH|BHR=BH|BHS=BS|BHUTAN=BT|BI=BI|BIH=BA|BJ=BJ|BL=BL|BLM=BL|BLR=BY|BLZ=BZ|BM=BM|BMU=BM|BN=BN|BO=BO|BOL=BO|BOLIVARIAN REPUBLIC OF VENEZUELA=VE|BOLIVIA=BO|BOLIVIA, PLURINATIONAL STATE OF=BO|BONAIRE, SINT EUSTATIUS AND SABA=BQ|BOSNIA AND HERZEGOVINA=BA|BOTSWANA=BW|BOUVET ISLAND=BV|BQ=BQ|BRB=BB|BRITISH INDIAN OCEAN TERRITORY=IO|BRITISH VIRGIN ISLANDS=VG|BRN=BN|BRUNEI DARUSSALAM=BN|BS=BS|BT=BT|BTN=BT|BULGARIA=BG|BURKINA FASO=BF|BURUNDI=BI|BV=BV|BVT=BV|BW=BW|BWA=BW|BY=BY|BZ=BZ|CABO VERDE=CV|CAF=CF|CAMBODIA=KH|CAMEROON=CM|CAYMAN ISLANDS=KY|CC=CC|CCK=CC|CD=CD|CENTRAL AFRICAN REPUBLIC=CF|CF=CF|CG=CG|CHAD=TD|CHILE=CL|CHL=CL|CHRISTMAS ISLAND=CX|CI=CI|CIV=CI|CK=CK|CL=CL|CM=CM|CMR=CM|CO=CO|COCOS (KEELING) ISLANDS=CC|COD=CD|COG=CG|COK=CK|COL=CO|COLOMBIA=CO|COM=KM|COMMONWEALTH OF DOMINICA=DM|COMMONWEALTH OF THE BAHAMAS=BS|COMMONWEALTH OF THE NORTHERN MARIANA ISLANDS=MP|COMOROS=KM|CONGO=CG|CONGO, THE DEMOCRATIC REPUBLIC OF THE=CD|COOK ISLANDS=CK|COSTA RICA=CR|CPV=CV|CR=CR|CRI=CR|CROATIA=HR|CU=CU|CUB=CU|CUBA=CU|CURAÇAO=CW|CUW=CW|CV=CV|CW=CW|CX=CX|CXR=CX|CY=CY|CYM=KY|CYP=CY|CYPRUS=CY|CZ=CZ|CZE=CZ|CZECH REPUBLIC=CZ|CZECHIA=CZ|CÔTE D\'IVOIRE=CI|CÔTE D’IVOIRE=CI|DEMOCRATIC PEOPLE\'S REPUBLIC OF KOREA=KP|DEMOCRATIC PEOPLE’S REPUBLIC OF KOREA=KP|DEMOCRATIC REPUBLIC OF SAO TOME AND PRINCIPE=ST|DEMOCRATIC REPUBLIC OF TIMOR-LESTE=TL|DEMOCRATIC SOCIALIST REPUBLIC OF SRI LANKA=LK|DJ=DJ|DJI=DJ|DJIBOUTI=DJ|DM=DM|DMA=DM|DO=DO|DOM=DO|DOMINICA=DM|DOMINICAN REPUBLIC=DO|DZ=DZ|DZA=DZ|EASTERN REPUBLIC OF URUGUAY=UY|EC=EC|ECU=EC|ECUADOR=EC|EE=EE|EG=EG|EGY=EG|EGYPT=EG|EH=EH|EL=GR|EL SALVADOR=SV|EQUATORIAL GUINEA=GQ|ER=ER|ERI=ER|ERITREA=ER|ESH=EH|EST=EE|ESTONIA=EE|ESWATINI=SZ|ET=ET|ETH=ET|ETHIOPIA=ET|FALKLAND ISLANDS (MALVINAS)=FK|FAROE ISLANDS=FO|FEDERAL DEMOCRATIC REPUBLIC OF ETHIOPIA=ET|FEDERAL DEMOCRATIC REPUBLIC OF NEPAL=NP|FEDERAL REPUBLIC OF NIGERIA=NG|FEDERAL REPUBLIC OF SOMALIA=SO|FEDERATED STATES OF MICRONESIA=FM|FIJI=FJ|FJ=FJ|FJI=FJ|FK=FK|FLK=FK|FM=FM|FO=FO|FRENCH GUIANA=GF|FRENCH POLYNESIA=PF|FRENCH SOUTHERN TERRITORIES=TF|FRO=FO|FSM=FM|GA=GA|GAB=GA|GABON=GA|GABONESE REPUBLIC=GA|GAMBIA=GM|GD=GD|GE=GE|GEO=GE|GEORGIA=GE|GF=GF|GG=GG|GGY=GG|GH=GH|GHA=GH|GHANA=GH|GI=GI|GIB=GI|GIBRALTAR=GI|GIN=GN|GL=GL|GLP=GP|GM=GM|GMB=GM|GN=GN|GNB=GW|GNQ=GQ|GP=GP|GQ=GQ|GR=GR|GRAND DUCHY OF LUXEMBOURG=LU|GRC=GR|GRD=GD|GREECE=GR|GREENLAND=GL|GRENADA=GD|GRL=GL|GS=GS|GT=GT|GTM=GT|GU=GU|GUADELOUPE=GP|GUAM=GU|GUATEMALA=GT|GUERNSEY=GG|GUF=GF|GUINEA=GN|GUINEA-BISSAU=GW|GUM=GU|GUY=GY|GUYANA=GY|GW=GW|GY=GY|HAITI=HT|HASHEMITE KINGDOM OF JORDAN=JO|HEARD ISLAND AND MCDONALD ISLANDS=HM|HELLENIC REPUBLIC=GR|HM=HM|HMD=HM|HN=HN|HND=HN|HOLY SEE (VATICAN CITY STATE)=VA|HONDURAS=HN|HR=HR|HRV=HR|HT=HT|HTI=HT|HU=HU|HUN=HU|HUNGARY=HU|ICELAND=IS|ID=ID|IDN=ID|IM=IM|IMN=IM|INDEPENDENT STATE OF PAPUA NEW GUINEA=PG|INDEPENDENT STATE OF SAMOA=WS|INDONESIA=ID|IO=IO|IOT=IO|IQ=IQ|IR=IR|IRAN=IR|IRAN, ISLAMIC REPUBLIC OF=IR|IRAQ=IQ|IRN=IR|IRQ=IQ|IS=IS|ISL=IS|ISLAMIC REPUBLIC OF AFGHANISTAN=AF|ISLAMIC REPUBLIC OF IRAN=IR|ISLAMIC REPUBLIC OF MAURITANIA=MR|ISLAMIC REPUBLIC OF PAKISTAN=PK|ISLE OF MAN=IM|IVORY COAST=CI|JAM=JM|JAMAICA=JM|JE=JE|JERSEY=JE|JEY=JE|JM=JM|JO=JO|JOR=JO|JORDAN=JO|KAZ=KZ|KAZAKHSTAN=KZ|KE=KE|KEN=KE|KENYA=KE|KG=KG|KGZ=KG|KH=KH|KHM=KH|KI=KI|KINGDOM OF BAHRAIN=BH|KINGDOM OF BHUTAN=BT|KINGDOM OF CAMBODIA=KH|KINGDOM OF ESWATINI=SZ|KINGDOM OF LESOTHO=LS|KINGDOM OF MOROCCO=MA|KINGDOM OF SAUDI ARABIA=SA|KINGDOM OF THAILAND=TH|KINGDOM OF TONGA=TO|KIR=KI|KIRIBATI=KI|KM=KM|KN=KN|KNA=KN|KOREA, DEMOCRATIC PEOPLE\'S REPUBLIC OF=KP|KOREA, DEMOCRATIC PEOPLE’S REPUBLIC OF=KP|KOSOVO=XK|KP=KP|KUWAIT=KW|KW=KW|KWT=KW|KY=KY|KYRGYZ REPUBLIC=KG|KYRGYZSTAN=KG|KZ=KZ|LA=LA|LAO=LA|LAO PEOPLE\'S DEMOCRATIC REPUBLIC=LA|LAO PEOPLE’S DEMOCRATIC REPUBLIC=LA|LAOS=LA|LATVIA=LV|LB=LB|LBN=LB|LBR=LR|LBY=LY|LC=LC|LCA=LC|LEBANESE REPUBLIC=LB|LEBANON=LB|LESOTHO=LS|LI=LI|LIBERIA=LR|LIBYA=LY|LIE=LI|LIECHTENSTEIN=LI|LITHUANIA=LT|LK=LK|LKA=LK|LR=LR|LS=LS|LSO=LS|LT=LT|LTU=LT|LU=LU|LUX=LU|LUXEMBOURG=LU|LV=LV|LVA=LV|LY=LY|MA=MA|MAC=MO|MACAO=MO|MACAO SPECIAL ADMINISTRATIVE REGION OF CHINA=MO|MADAGASCAR=MG|MAF=MF|MALAWI=MW|MALAYSIA=MY|MALDIVES=MV|MALI=ML|MALTA=MT|MAR=MA|MARSHALL ISLANDS=MH|MARTINIQUE=MQ|MAURITANIA=MR|MAURITIUS=MU|MAYOTTE=YT|MC=MC|MCO=MC|MD=MD|MDA=MD|MDG=MG|MDV=MV|ME=ME|MF=MF|MG=MG|MH=MH|MHL=MH|MICRONESIA, FEDERATED STATES OF=FM|MK=MK|MKD=MK|ML=ML|MLI=ML|MLT=MT|MM=MM|MMR=MM|MN=MN|MNE=ME|MNG=MN|MNP=MP|MO=MO|MOLDOVA=MD|MOLDOVA, REPUBLIC OF=MD|MONACO=MC|MONGOLIA=MN|MONTENEGRO=ME|MONTSERRAT=MS|MOROCCO=MA|MOZ=MZ|MOZAMBIQUE=MZ|MP=MP|MQ=MQ|MR=MR|MRT=MR|MS=MS|MSR=MS|MT=MT|MTQ=MQ|MU=MU|MUS=MU|MV=MV|MW=MW|MWI=MW|MY=MY|MYANMAR=MM|MYS=MY|MYT=YT|MZ=MZ|NA=NA|NAM=NA|NAMIBIA=NA|NAURU=NR|NC=NC|NCL=NC|NE=NE|NEPAL=NP|NER=NE|NEW CALEDONIA=NC|NF=NF|NFK=NF|NG=NG|NGA=NG|NI=NI|NIC=NI|NICARAGUA=NI|NIGER=NE|NIGERIA=NG|NIU=NU|NIUE=NU|NORFOLK ISLAND=NF|NORTH KOREA=KP|NORTH MACEDONIA=MK|NORTHERN MARIANA ISLANDS=MP|NP=NP|NPL=NP|NR=NR|NRU=NR|NU=NU|OM=OM|OMAN=OM|OMN=OM|PA=PA|PAK=PK|PAKISTAN=PK|PALAU=PW|PALESTINE, STATE OF=PS|PAN=PA|PANAMA=PA|PAPUA NEW GUINEA=PG|PARAGUAY=PY|PCN=PN|PE=PE|PEOPLE\'S DEMOCRATIC REPUBLIC OF ALGERIA=DZ|PEOPLE\'S REPUBLIC OF BANGLADESH=BD|PEOPLE’S DEMOCRATIC REPUBLIC OF ALGERIA=DZ|PEOPLE’S REPUBLIC OF BANGLADESH=BD|PER=PE|PERU=PE|PF=PF|PG=PG|PH=PH|PHILIPPINES=PH|PHL=PH|PITCAIRN=PN|PK=PK|PLURINATIONAL STATE OF BOLIVIA=BO|PLW=PW|PM=PM|PN=PN|PNG=PG|PORTUGAL=PT|PORTUGUESE REPUBLIC=PT|PR=PR|PRI=PR|PRINCIPALITY OF ANDORRA=AD|PRINCIPALITY OF LIECHTENSTEIN=LI|PRINCIPALITY OF MONACO=MC|PRK=KP|PRT=PT|PRY=PY|PS=PS|PSE=PS|PT=PT|PUERTO RICO=PR|PW=PW|PY=PY|PYF=PF|QA=QA|QAT=QA|QATAR=QA|RE=RE|REPUBLIC OF ALBANIA=AL|REPUBLIC OF ANGOLA=AO|REPUBLIC OF ARMENIA=AM|REPUBLIC OF AZERBAIJAN=AZ|REPUBLIC OF BELARUS=BY|REPUBLIC OF BENIN=BJ|REPUBLIC OF BOSNIA AND HERZEGOVINA=BA|REPUBLIC OF BOTSWANA=BW|REPUBLIC OF BULGARIA=BG|REPUBLIC OF BURUNDI=BI|REPUBLIC OF CABO VERDE=CV|REPUBLIC OF CAMEROON=CM|REPUBLIC OF CHAD=TD|REPUBLIC OF CHILE=CL|REPUBLIC OF COLOMBIA=CO|REPUBLIC OF COSTA RICA=CR|REPUBLIC OF CROATIA=HR|REPUBLIC OF CUBA=CU|REPUBLIC OF CYPRUS=CY|REPUBLIC OF CÔTE D\'IVOIRE=CI|REPUBLIC OF CÔTE D’IVOIRE=CI|REPUBLIC OF DJIBOUTI=DJ|REPUBLIC OF ECUADOR=EC|REPUBLIC OF EL SALVADOR=SV|REPUBLIC OF EQUATORIAL GUINEA=GQ|REPUBLIC OF ESTONIA=EE|REPUBLIC OF FIJI=FJ|REPUBLIC OF GHANA=GH|REPUBLIC OF GUATEMALA=GT|REPUBLIC OF GUINEA=GN|REPUBLIC OF GUINEA-BISSAU=GW|REPUBLIC OF GUYANA=GY|REPUBLIC OF HAITI=HT|REPUBLIC OF HONDURAS=HN|REPUBLIC OF ICELAND=IS|REPUBLIC OF INDONESIA=ID|REPUBLIC OF IRAQ=IQ|REPUBLIC OF KAZAKHSTAN=KZ|REPUBLIC OF KENYA=KE|REPUBLIC OF KIRIBATI=KI|REPUBLIC OF LATVIA=LV|REPUBLIC OF LIBERIA=LR|REPUBLIC OF LITHUANIA=LT|REPUBLIC OF MADAGASCAR=MG|REPUBLIC OF MALAWI=MW|REPUBLIC OF MALDIVES=MV|REPUBLIC OF MALI=ML|REPUBLIC OF MALTA=MT|REPUBLIC OF MAURITIUS=MU|REPUBLIC OF MOLDOVA=MD|REPUBLIC OF MOZAMBIQUE=MZ|REPUBLIC OF MYANMAR=MM|REPUBLIC OF NAMIBIA=NA|REPUBLIC OF NAURU=NR|REPUBLIC OF NICARAGUA=NI|REPUBLIC OF NORTH MACEDONIA=MK|REPUBLIC OF PALAU=PW|REPUBLIC OF PANAMA=PA|REPUBLIC OF PARAGUAY=PY|REPUBLIC OF PERU=PE|REPUBLIC OF SAN MARINO=SM|REPUBLIC OF SENEGAL=SN|REPUBLIC OF SERBIA=RS|REPUBLIC OF SEYCHELLES=SC|REPUBLIC OF SIERRA LEONE=SL|REPUBLIC OF SLOVENIA=SI|REPUBLIC OF SOUTH SUDAN=SS|REPUBLIC OF SURINAME=SR|REPUBLIC OF TAJIKISTAN=TJ|REPUBLIC OF THE CONGO=CG|REPUBLIC OF THE GAMBIA=GM|REPUBLIC OF THE MARSHALL ISLANDS=MH|REPUBLIC OF THE NIGER=NE|REPUBLIC OF THE PHILIPPINES=PH|REPUBLIC OF THE SUDAN=SD|REPUBLIC OF TRINIDAD AND TOBAGO=TT|REPUBLIC OF TUNISIA=TN|REPUBLIC OF TÜRKIYE=TR|REPUBLIC OF UGANDA=UG|REPUBLIC OF UZBEKISTAN=UZ|REPUBLIC OF VANUATU=VU|REPUBLIC OF YEMEN=YE|REPUBLIC OF ZAMBIA=ZM|REPUBLIC OF ZIMBABWE=ZW|REU=RE|RO=RO|ROMANIA=RO|ROU=RO|RS=RS|RU=RU|RUS=RU|RUSSIA=RU|RUSSIAN FEDERATION=RU|RW=RW|RWA=RW|RWANDA=RW|RWANDESE REPUBLIC=RW|RÉUNION=RE|SA=SA|SAINT BARTHÉLEMY=BL|SAINT HELENA, ASCENSION AND TRISTAN DA CUNHA=SH|SAINT KITTS AND NEVIS=KN|SAINT LUCIA=LC|SAINT MARTIN (FRENCH PART)=MF|SAINT PIERRE AND MIQUELON=PM|SAINT VINCENT AND THE GRENADINES=VC|SAMOA=WS|SAN MARINO=SM|SAO TOME AND PRINCIPE=ST|SAU=SA|SAUDI ARABIA=SA|SB=SB|SC=SC|SD=SD|SDN=SD|SEN=SN|SENEGAL=SN|SERBIA=RS|SEYCHELLES=SC|SGS=GS|SH=SH|SHN=SH|SI=SI|SIERRA LEONE=SL|SINT MAARTEN (DUTCH PART)=SX|SJ=SJ|SJM=SJ|SK=SK|SL=SL|SLB=SB|SLE=SL|SLOVAK REPUBLIC=SK|SLOVAKIA=SK|SLOVENIA=SI|SLV=SV|SM=SM|SMR=SM|SN=SN|SO=SO|SOCIALIST REPUBLIC OF VIET NAM=VN|SOLOMON ISLANDS=SB|SOM=SO|SOMALIA=SO|SOUTH GEORGIA AND THE SOUTH SANDWICH ISLANDS=GS|SOUTH SUDAN=SS|SPM=PM|SR=SR|SRB=RS|SRI LANKA=LK|SS=SS|SSD=SS|ST=ST|STATE OF KUWAIT=KW|STATE OF QATAR=QA|STP=ST|SUDAN=SD|SULTANATE OF OMAN=OM|SUR=SR|SURINAME=SR|SV=SV|SVALBARD AND JAN MAYEN=SJ|SVK=SK|SVN=SI|SWZ=SZ|SX=SX|SXM=SX|SY=SY|SYC=SC|SYR=SY|SYRIA=SY|SYRIAN ARAB REPUBLIC=SY|SZ=SZ|TAIWAN=TW|TAIWAN, PROVINCE OF CHINA=TW|TAJIKISTAN=TJ|TANZANIA=TZ|TANZANIA, UNITED REPUBLIC OF=TZ|TC=TC|TCA=TC|TCD=TD|TD=TD|TF=TF|TG=TG|TGO=TG|TH=TH|THA=TH|THAILAND=TH|THE STATE OF ERITREA=ER|THE STATE OF PALESTINE=PS|TIMOR-LESTE=TL|TJ=TJ|TJK=TJ|TK=TK|TKL=TK|TKM=TM|TL=TL|TLS=TL|TM=TM|TN=TN|TO=TO|TOGO=TG|TOGOLESE REPUBLIC=TG|TOKELAU=TK|TON=TO|TONGA=TO|TR=TR|TRINIDAD AND TOBAGO=TT|TT=TT|TTO=TT|TUN=TN|TUNISIA=TN|TUR=TR|TURKEY=TR|TURKMENISTAN=TM|TURKS AND CAICOS ISLANDS=TC|TUV=TV|TUVALU=TV|TV=TV|TW=TW|TWN=TW|TZ=TZ|TZA=TZ|TÜRKIYE=TR|UA=UA|UG=UG|UGA=UG|UGANDA=UG|UKR=UA|UKRAINE=UA|UM=UM|UMI=UM|UNION OF THE COMOROS=KM|UNITED REPUBLIC OF TANZANIA=TZ|UNITED STATES MINOR OUTLYING ISLANDS=UM|URUGUAY=UY|URY=UY|UY=UY|UZ=UZ|UZB=UZ|UZBEKISTAN=UZ|VA=VA|VANUATU=VU|VAT=VA|VC=VC|VCT=VC|VE=VE|VEN=VE|VENEZUELA=VE|VENEZUELA, BOLIVARIAN REPUBLIC OF=VE|VG=VG|VGB=VG|VI=VI|VIET NAM=VN|VIETNAM=VN|VIR=VI|VIRGIN ISLANDS OF THE UNITED STATES=VI|VIRGIN ISLANDS, BRITISH=VG|VIRGIN ISLANDS, U.S.=VI|VN=VN|VNM=VN|VU=VU|VUT=VU|WALLIS AND FUTUNA=WF|WESTERN SAHARA=EH|WF=WF|WLF=WF|WS=WS|WSM=WS|XK=XK|YE=YE|YEM=YE|YEMEN=YE|YT=YT|ZAMBIA=ZM|ZIMBABWE=ZW|ZM=ZM|ZMB=ZM|ZW=ZW|ZWE=ZW|ÅLAND ISLANDS=AX|', '|' || UPPER(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`country` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`country` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`country` AS STRING) END, '')) || '=') + LENGTH(UPPER(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`country` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`country` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`country` AS STRING) END, ''))) + 2, 2), '##') END) END) IN ('US') AS `icp_c_country`,
    (REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(TRANSLATE(LOWER(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`state` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`state` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`state` AS STRING) END, '')), 'µſͅςϐϑϕϖϰϱϵᏸᏹᏺᏻᏼᏽᲀᲁᲂᲃᲄᲅᲆᲇᲈẛιꭰꭱꭲꭳꭴꭵꭶꭷꭸꭹꭺꭻꭼꭽꭾꭿꮀꮁꮂꮃꮄꮅꮆꮇꮈꮉꮊꮋꮌꮍꮎꮏꮐꮑꮒꮓꮔꮕꮖꮗꮘꮙꮚꮛꮜꮝꮞꮟꮠꮡꮢꮣꮤꮥꮦꮧꮨꮩꮪꮫꮬꮭꮮꮯꮰꮱꮲꮳꮴꮵꮶꮷꮸꮹꮺꮻꮼꮽꮾꮿ', 'μsισβθφπκρεᏰᏱᏲᏳᏴᏵвдосттъѣꙋṡιᎠᎡᎢᎣᎤᎥᎦᎧᎨᎩᎪᎫᎬᎭᎮᎯᎰᎱᎲᎳᎴᎵᎶᎷᎸᎹᎺᎻᎼᎽᎾᎿᏀᏁᏂᏃᏄᏅᏆᏇᏈᏉᏊᏋᏌᏍᏎᏏᏐᏑᏒᏓᏔᏕᏖᏗᏘᏙᏚᏛᏜᏝᏞᏟᏠᏡᏢᏣᏤᏥᏦᏧᏨᏩᏪᏫᏬᏭᏮᏯ'), 'ß', 'ss'), 'ŉ', 'ʼn'), 'ǰ', 'ǰ'), 'ΐ', 'ΐ'), 'ΰ', 'ΰ'), 'և', 'եւ'), 'ẖ', 'ẖ'), 'ẗ', 'ẗ'), 'ẘ', 'ẘ'), 'ẙ', 'ẙ'), 'ẚ', 'aʾ'), 'ὐ', 'ὐ'), 'ὒ', 'ὒ'), 'ὔ', 'ὔ'), 'ὖ', 'ὖ'), 'ᾀ', 'ἀι'), 'ᾁ', 'ἁι'), 'ᾂ', 'ἂι'), 'ᾃ', 'ἃι'), 'ᾄ', 'ἄι'), 'ᾅ', 'ἅι'), 'ᾆ', 'ἆι'), 'ᾇ', 'ἇι'), 'ᾐ', 'ἠι'), 'ᾑ', 'ἡι'), 'ᾒ', 'ἢι'), 'ᾓ', 'ἣι'), 'ᾔ', 'ἤι'), 'ᾕ', 'ἥι'), 'ᾖ', 'ἦι'), 'ᾗ', 'ἧι'), 'ᾠ', 'ὠι'), 'ᾡ', 'ὡι'), 'ᾢ', 'ὢι'), 'ᾣ', 'ὣι'), 'ᾤ', 'ὤι'), 'ᾥ', 'ὥι'), 'ᾦ', 'ὦι'), 'ᾧ', 'ὧι'), 'ᾲ', 'ὰι'), 'ᾳ', 'αι'), 'ᾴ', 'άι'), 'ᾶ', 'ᾶ'), 'ᾷ', 'ᾶι'), 'ῂ', 'ὴι'), 'ῃ', 'ηι'), 'ῄ', 'ήι'), 'ῆ', 'ῆ'), 'ῇ', 'ῆι'), 'ῒ', 'ῒ'), 'ΐ', 'ΐ'), 'ῖ', 'ῖ'), 'ῗ', 'ῗ'), 'ῢ', 'ῢ'), 'ΰ', 'ΰ'), 'ῤ', 'ῤ'), 'ῦ', 'ῦ'), 'ῧ', 'ῧ'), 'ῲ', 'ὼι'), 'ῳ', 'ωι'), 'ῴ', 'ώι'), 'ῶ', 'ῶ'), 'ῷ', 'ῶι'), 'ﬀ', 'ff'), 'ﬁ', 'fi'), 'ﬂ', 'fl'), 'ﬃ', 'ffi'), 'ﬄ', 'ffl'), 'ﬅ', 'st'), 'ﬆ', 'st'), 'ﬓ', 'մն'), 'ﬔ', 'մե'), 'ﬕ', 'մի'), 'ﬖ', 'վն'), 'ﬗ', 'մխ')) IN ('ca', 'california') AS `icp_c_state`,
    CASE
      WHEN COALESCE(
        REGEXP_CONTAINS(
          CAST(`t`.`technologies` AS STRING),
          '[^;,|\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]'
        ),
        FALSE
      )
      THEN REGEXP_CONTAINS(
        REPLACE(
          REPLACE(
            REPLACE(
              REPLACE(
                REPLACE(
                  REPLACE(
                    REPLACE(
                      REPLACE(
                        REPLACE(
                          REPLACE(
                            REPLACE(
                              REPLACE(
                                REPLACE(
                                  REPLACE(
                                    REPLACE(
                                      REPLACE(
                                        REPLACE(
                                          REPLACE(
                                            REPLACE(
                                              REPLACE(
                                                REPLACE(
                                                  REPLACE(
                                                    REPLACE(
                                                      REPLACE(
                                                        REPLACE(
                                                          REPLACE(
                                                            REPLACE(
                                                              REPLACE(
                                                                REPLACE(
                                                                  REPLACE(
                                                                    REPLACE(
                                                                      REPLACE(
                                                                        REPLACE(
                                                                          REPLACE(
                                                                            REPLACE(
                                                                              REPLACE(
                                                                                REPLACE(
                                                                                  REPLACE(
                                                                                    REPLACE(
                                                                                      REPLACE(
                                                                                        REPLACE(
                                                                                          REPLACE(
                                                                                            REPLACE(
                                                                                              REPLACE(
                                                                                                REPLACE(
                                                                                                  REPLACE(
                                                                                                    REPLACE(
                                                                                                      REPLACE(
                                                                                                        REPLACE(
                                                                                                          REPLACE(
                                                                                                            REPLACE(
                                                                                                              REPLACE(
                                                                                                                REPLACE(
                                                                                                                  REPLACE(
                                                                                                                    REPLACE(
                                                                                                                      REPLACE(
                                                                                                                        REPLACE(
                                                                                                                          REPLACE(
                                                                                                                            REPLACE(
                                                                                                                              REPLACE(
                                                                                                                                REPLACE(
                                                                                                                                  REPLACE(
                                                                                                                                    REPLACE(
                                                                                                                                      REPLACE(
                                                                                                                                        REPLACE(
                                                                                                                                          REPLACE(
                                                                                                                                            REPLACE(
                                                                                                                                              REPLACE(
                                                                                                                                                REPLACE(
                                                                                                                                                  REPLACE(
                                                                                                                                                    REPLACE(
                                                                                                                                                      REPLACE(
                                                                                                                                                        REPLACE(
                                                                                                                                                          REPLACE(
                                                                                                                                                            REPLACE(
                                                                                                                                                              TRANSLATE(
                                                                                                                                                                LOWER(CAST(`t`.`technologies` AS STRING)),
                                                                                                                                                                'µſͅςϐϑϕϖϰϱϵᏸᏹᏺᏻᏼᏽᲀᲁᲂᲃᲄᲅᲆᲇᲈẛιꭰꭱꭲꭳꭴꭵꭶꭷꭸꭹꭺꭻꭼꭽꭾꭿꮀꮁꮂꮃꮄꮅꮆꮇꮈꮉꮊꮋꮌꮍꮎꮏꮐꮑꮒꮓꮔꮕꮖꮗꮘꮙꮚꮛꮜꮝꮞꮟꮠꮡꮢꮣꮤꮥꮦꮧꮨꮩꮪꮫꮬꮭꮮꮯꮰꮱꮲꮳꮴꮵꮶꮷꮸꮹꮺꮻꮼꮽꮾꮿ',
                                                                                                                                                                'μsισβθφπκρεᏰᏱᏲᏳᏴᏵвдосттъѣꙋṡιᎠᎡᎢᎣᎤᎥᎦᎧᎨᎩᎪᎫᎬᎭᎮᎯᎰᎱᎲᎳᎴᎵᎶᎷᎸᎹᎺᎻᎼᎽᎾᎿᏀᏁᏂᏃᏄᏅᏆᏇᏈᏉᏊᏋᏌᏍᏎᏏᏐᏑᏒᏓᏔᏕᏖᏗᏘᏙᏚᏛᏜᏝᏞᏟᏠᏡᏢᏣᏤᏥᏦᏧᏨᏩᏪᏫᏬᏭᏮᏯ'
                                                                                                                                                              ),
                                                                                                                                                              'ß',
                                                                                                                                                              'ss'
                                                                                                                                                            ),
                                                                                                                                                            'ŉ',
                                                                                                                                                            'ʼn'
                                                                                                                                                          ),
                                                                                                                                                          'ǰ',
                                                                                                                                                          'ǰ'
                                                                                                                                                        ),
                                                                                                                                                        'ΐ',
                                                                                                                                                        'ΐ'
                                                                                                                                                      ),
                                                                                                                                                      'ΰ',
                                                                                                                                                      'ΰ'
                                                                                                                                                    ),
                                                                                                                                                    'և',
                                                                                                                                                    'եւ'
                                                                                                                                                  ),
                                                                                                                                                  'ẖ',
                                                                                                                                                  'ẖ'
                                                                                                                                                ),
                                                                                                                                                'ẗ',
                                                                                                                                                'ẗ'
                                                                                                                                              ),
                                                                                                                                              'ẘ',
                                                                                                                                              'ẘ'
                                                                                                                                            ),
                                                                                                                                            'ẙ',
                                                                                                                                            'ẙ'
                                                                                                                                          ),
                                                                                                                                          'ẚ',
                                                                                                                                          'aʾ'
                                                                                                                                        ),
                                                                                                                                        'ὐ',
                                                                                                                                        'ὐ'
                                                                                                                                      ),
                                                                                                                                      'ὒ',
                                                                                                                                      'ὒ'
                                                                                                                                    ),
                                                                                                                                    'ὔ',
                                                                                                                                    'ὔ'
                                                                                                                                  ),
                                                                                                                                  'ὖ',
                                                                                                                                  'ὖ'
                                                                                                                                ),
                                                                                                                                'ᾀ',
                                                                                                                                'ἀι'
                                                                                                                              ),
                                                                                                                              'ᾁ',
                                                                                                                              'ἁι'
                                                                                                                            ),
                                                                                                                            'ᾂ',
                                                                                                                            'ἂι'
                                                                                                                          ),
                                                                                                                          'ᾃ',
                                                                                                                          'ἃι'
                                                                                                                        ),
                                                                                                                        'ᾄ',
                                                                                                                        'ἄι'
                                                                                                                      ),
                                                                                                                      'ᾅ',
                                                                                                                      'ἅι'
                                                                                                                    ),
                                                                                                                    'ᾆ',
                                                                                                                    'ἆι'
                                                                                                                  ),
                                                                                                                  'ᾇ',
                                                                                                                  'ἇι'
                                                                                                                ),
                                                                                                                'ᾐ',
                                                                                                                'ἠι'
                                                                                                              ),
                                                                                                              'ᾑ',
                                                                                                              'ἡι'
                                                                                                            ),
                                                                                                            'ᾒ',
                                                                                                            'ἢι'
                                                                                                          ),
                                                                                                          'ᾓ',
                                                                                                          'ἣι'
                                                                                                        ),
                                                                                                        'ᾔ',
                                                                                                        'ἤι'
                                                                                                      ),
                                                                                                      'ᾕ',
                                                                                                      'ἥι'
                                                                                                    ),
                                                                                                    'ᾖ',
                                                                                                    'ἦι'
                                                                                                  ),
                                                                                                  'ᾗ',
                                                                                                  'ἧι'
                                                                                                ),
                                                                                                'ᾠ',
                                                                                                'ὠι'
                                                                                              ),
                                                                                              'ᾡ',
                                                                                              'ὡι'
                                                                                            ),
                                                                                            'ᾢ',
                                                                                            'ὢι'
                                                                                          ),
                                                                                          'ᾣ',
                                                                                          'ὣι'
                                                                                        ),
                                                                                        'ᾤ',
                                                                                        'ὤι'
                                                                                      ),
                                                                                      'ᾥ',
                                                                                      'ὥι'
                                                                                    ),
                                                                                    'ᾦ',
                                                                                    'ὦι'
                                                                                  ),
                                                                                  'ᾧ',
                                                                                  'ὧι'
                                                                                ),
                                                                                'ᾲ',
                                                                                'ὰι'
                                                                              ),
                                                                              'ᾳ',
                                                                              'αι'
                                                                            ),
                                                                            'ᾴ',
                                                                            'άι'
                                                                          ),
                                                                          'ᾶ',
                                                                          'ᾶ'
                                                                        ),
                                                                        'ᾷ',
                                                                        'ᾶι'
                                                                      ),
                                                                      'ῂ',
                                                                      'ὴι'
                                                                    ),
                                                                    'ῃ',
                                                                    'ηι'
                                                                  ),
                                                                  'ῄ',
                                                                  'ήι'
                                                                ),
                                                                'ῆ',
                                                                'ῆ'
                                                              ),
                                                              'ῇ',
                                                              'ῆι'
                                                            ),
                                                            'ῒ',
                                                            'ῒ'
                                                          ),
                                                          'ΐ',
                                                          'ΐ'
                                                        ),
                                                        'ῖ',
                                                        'ῖ'
                                                      ),
                                                      'ῗ',
                                                      'ῗ'
                                                    ),
                                                    'ῢ',
                                                    'ῢ'
                                                  ),
                                                  'ΰ',
                                                  'ΰ'
                                                ),
                                                'ῤ',
                                                'ῤ'
                                              ),
                                              'ῦ',
                                              'ῦ'
                                            ),
                                            'ῧ',
                                            'ῧ'
                                          ),
                                          'ῲ',
                                          'ὼι'
                                        ),
                                        'ῳ',
                                        'ωι'
                                      ),
                                      'ῴ',
                                      'ώι'
                                    ),
                                    'ῶ',
                                    'ῶ'
                                  ),
                                  'ῷ',
                                  'ῶι'
                                ),
                                'ﬀ',
                                'ff'
                              ),
                              'ﬁ',
                              'fi'
                            ),
                            'ﬂ',
                            'fl'
                          ),
                          'ﬃ',
                          'ffi'
                        ),
                        'ﬄ',
                        'ffl'
                      ),
                      'ﬅ',
                      'st'
                    ),
                    'ﬆ',
                    'st'
                  ),
                  'ﬓ',
                  'մն'
                ),
                'ﬔ',
                'մե'
              ),
              'ﬕ',
              'մի'
            ),
            'ﬖ',
            'վն'
          ),
          'ﬗ',
          'մխ'
        ),
        '(^|[;,|])[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]*(hubspot|salesforce|notion|slack|monday|6sense)[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]*([;,|]|$)'
      )
    END AS `icp_c_gtm-stack`,
    (CASE WHEN LOWER(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`is_public` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`is_public` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`is_public` AS STRING) END, '')) IN ('true', 'yes', 'y', 't', '1') THEN TRUE WHEN LOWER(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`is_public` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`is_public` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`is_public` AS STRING) END, '')) IN ('false', 'no', 'n', 'f', '0') THEN FALSE END) = TRUE AS `icp_d_public`,
    (CASE WHEN LOWER(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`ipo_planned_within_5_years` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`ipo_planned_within_5_years` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`ipo_planned_within_5_years` AS STRING) END, '')) IN ('true', 'yes', 'y', 't', '1') THEN TRUE WHEN LOWER(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`ipo_planned_within_5_years` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`ipo_planned_within_5_years` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`ipo_planned_within_5_years` AS STRING) END, '')) IN ('false', 'no', 'n', 'f', '0') THEN FALSE END) = TRUE AS `icp_d_ipo-plans`
  FROM `accounts` AS t
) AS r
