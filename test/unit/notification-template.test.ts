import { describe, expect, it } from 'vitest';
import { checkTemplate, placeholdersOf, renderTemplate } from '../../definitions/notification-template.js';

describe('notification templates', () => {
  it('fills the placeholders in the wanted language, falling back to French', () => {
    const template = {
      fr: {
        subject: 'RDV {{appointment.date}}',
        body: 'Bonjour {{contact.firstName}}, à {{ appointment.time }}.',
      },
      en: { body: 'Hello {{contact.firstName}}' },
    };
    const values = {
      'contact.firstName': 'Léa',
      'appointment.date': 'lundi 3 mars',
      'appointment.time': '10:00',
    };
    expect(renderTemplate(template, 'fr', values)).toEqual({
      subject: 'RDV lundi 3 mars',
      body: 'Bonjour Léa, à 10:00.',
    });
    expect(renderTemplate(template, 'en', values)).toEqual({ subject: null, body: 'Hello Léa' });
    expect(renderTemplate({ fr: { body: '{{contact.lastName}}!' } }, 'en', {})).toEqual({
      subject: null,
      body: '!',
    });
  });

  it('accepts only the variables of the event, with the field that is wrong', () => {
    expect(checkTemplate('NEW_LEAD', { fr: { body: 'Nouveau lead {{contact.firstName}}' } })).toEqual([]);
    expect(checkTemplate('NEW_LEAD', { fr: { body: 'RDV {{appointment.date}}' } })).toEqual([
      expect.objectContaining({
        field: 'template/fr/body',
        message: expect.stringContaining('{{appointment.date}}'),
      }),
    ]);
    expect(checkTemplate('STATUS_CHANGED', {})).toEqual([
      { field: 'template', message: 'needs a French or English version' },
    ]);
    expect(checkTemplate('STATUS_CHANGED', { en: { body: '  ' } })[0]?.field).toBe('template/en/body');
    expect(placeholdersOf('{{a.b}} {{ c }} {x}')).toEqual(['a.b', 'c']);
  });
});
