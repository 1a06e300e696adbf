import type { MenuCaps } from '../capabilities/types.js';
import type { Button, Menu, MenuRow, MenuSection, Message } from '../model/message.js';
import type { Block } from '../model/rich-text.js';
import { bold, link, paragraph, plain } from './blocks.js';
import { type FitContext, fitId, fitLabel, note, uniqueLabel } from './context.js';

/** Buttons, a menu and extra text for one output message. */
export interface ActionSet {
  readonly buttons: Button[];
  readonly menu?: Menu;
  /** Paragraphs the message's text gains (links, numbers, codes, menu section titles). */
  readonly text: Block[];
}

/** Where a message's buttons and menu go: on its last text message, and on further messages. */
export interface ActionPlan {
  readonly main: ActionSet;
  /** Messages that carry only overflow (further buttons, further menu pages). */
  readonly overflow: ActionSet[];
}

interface Entry {
  readonly button: Button;
  readonly path: string;
}

interface Row {
  readonly row: MenuRow;
  readonly path: string;
}

interface Section {
  readonly title: string | undefined;
  readonly rows: Row[];
  readonly path: string;
}

const DEFAULT_MENU_LABEL = 'Options';

/**
 * Decides where every button and menu row goes. Rules, in order: buttons a target cannot show
 * become text (URL -> link, phone -> number, copyCode -> the code); a menu on a target without
 * menus becomes reply buttons; too many buttons become a menu when the target has one and they
 * are all reply buttons, otherwise they continue on further messages; a menu too big for one
 * message is paginated (and split by section where sections are limited).
 */
export function planActions(message: Message, context: FitContext): ActionPlan {
  const { caps } = context;
  const mainText: Block[] = [];
  let entries: Entry[] = [];
  (message.buttons ?? []).forEach((button, index) => {
    const path = `buttons[${index}]`;
    const shown = toTextIfUnsupported(button, context, path);
    if (shown === undefined) entries.push({ button, path });
    else mainText.push(shown);
  });

  let sections = menuSections(message.menu);
  let menuLabel = message.menu?.label;
  if (sections.length > 0 && caps.menu === null) {
    note(context, 'info', 'menu', `${caps.channel} has no menus: the rows are shown as reply buttons.`);
    mainText.push(...describeMenu(sections));
    for (const section of sections) {
      for (const { row, path } of section.rows) {
        entries.push({ button: { kind: 'reply', id: row.id, title: row.title }, path });
      }
    }
    sections = [];
  }

  const hasReplyLike = entries.some((entry) => entry.button.kind !== 'url');
  let urlCount = 0;
  entries = entries.filter((entry) => {
    if (entry.button.kind !== 'url') return true;
    urlCount++;
    const tooMany = urlCount > (caps.urlButtons?.maxPerMessage ?? 0);
    if (!(hasReplyLike && !caps.mixedButtons) && !tooMany) return true;
    note(
      context,
      'degraded',
      entry.path,
      tooMany
        ? `${caps.channel} shows at most ${caps.urlButtons?.maxPerMessage ?? 0} URL button(s) per message: shown as a link in the text.`
        : `${caps.channel} cannot show URL and reply buttons on one message: shown as a link in the text.`,
    );
    mainText.push(paragraph(link(entry.button.title || entry.button.url, entry.button.url)));
    return false;
  });

  const layout = caps.replyButtons;
  const fullCapacity = Math.min(layout.maxPerMessage, layout.maxPerRow * layout.maxRows);
  if (entries.length > 0 && fullCapacity === 0) {
    note(
      context,
      'degraded',
      'buttons',
      `${caps.channel} has no buttons: the choices are listed as numbered text.`,
    );
    mainText.push({
      type: 'list',
      ordered: true,
      items: entries.map((entry) => ({ children: [plain(entry.button.title)] })),
    });
    entries = [];
  }

  const menuCaps = caps.menu;
  const wouldOverflow = entries.length > capacityBeside(sections.length > 0, context);
  if (
    menuCaps !== null &&
    sections.length === 0 &&
    wouldOverflow &&
    entries.every((e) => e.button.kind === 'reply')
  ) {
    note(
      context,
      'info',
      'buttons',
      `${entries.length} reply buttons exceed ${caps.channel}'s ${capacityBeside(false, context)} per message: shown as a menu.`,
    );
    sections = [
      {
        title: undefined,
        path: 'buttons',
        rows: entries.map(({ button, path }) => ({
          row: { id: button.kind === 'reply' ? button.id : '', title: button.title },
          path,
        })),
      },
    ];
    menuLabel = context.options.menuLabel ?? DEFAULT_MENU_LABEL;
    entries = [];
  }

  const overflow: ActionSet[] = [];
  let mainMenu: Menu | undefined;
  if (menuCaps !== null && sections.length > 0) {
    const pages = paginateMenu(sections, menuCaps, context);
    const menus = pages.map((page) => fitMenuPage(page, menuLabel, menuCaps, context));
    const menuOnMain = menuCaps.withButtons || entries.length === 0;
    menus.forEach((page, index) => {
      if (index === 0 && menuOnMain) {
        mainMenu = page.menu;
        mainText.push(...page.text);
      } else overflow.push({ buttons: [], menu: page.menu, text: page.text });
    });
    if (!menuOnMain) {
      note(
        context,
        'info',
        'menu',
        `${caps.channel} cannot show a menu and buttons together: the menu follows in its own message.`,
      );
    }
  }

  const mainCapacity = capacityBeside(mainMenu !== undefined, context);
  const mainEntries = entries.slice(0, mainCapacity);
  const rest = entries.slice(mainCapacity);
  if (rest.length > 0) {
    note(
      context,
      'info',
      'buttons',
      `${entries.length} buttons exceed ${caps.channel}'s ${mainCapacity} per message: buttons ${mainCapacity + 1}–${entries.length} continue in further messages.`,
    );
  }
  const rows = Math.ceil(mainEntries.length / layout.maxPerRow);
  if (rows > 1) {
    note(context, 'info', 'buttons', `Buttons spread over ${rows} rows of at most ${layout.maxPerRow}.`);
  }
  const usedOnMain = new Set<string>();
  if (mainMenu !== undefined)
    for (const section of mainMenu.sections) for (const row of section.rows) usedOnMain.add(row.id);
  const main: ActionSet = {
    buttons: fitButtons(mainEntries, context, usedOnMain),
    ...(mainMenu === undefined ? {} : { menu: mainMenu }),
    text: mainText,
  };
  for (let start = 0; start < rest.length; start += fullCapacity) {
    overflow.push({
      buttons: fitButtons(rest.slice(start, start + fullCapacity), context, new Set()),
      text: [],
    });
  }
  return { main, overflow };
}

/** How many buttons fit on one message, with or without a menu taking rows. */
function capacityBeside(withMenu: boolean, context: FitContext): number {
  const { replyButtons, menu } = context.caps;
  const rowsUsed = withMenu && menu?.withButtons ? menu.buttonRowsUsed : 0;
  return Math.max(
    0,
    Math.min(replyButtons.maxPerMessage, replyButtons.maxPerRow * (replyButtons.maxRows - rowsUsed)),
  );
}

function toTextIfUnsupported(button: Button, context: FitContext, path: string): Block | undefined {
  const { caps } = context;
  if (button.kind === 'url' && (caps.urlButtons === null || button.url.length > caps.urlButtons.urlMax)) {
    note(
      context,
      'degraded',
      path,
      caps.urlButtons === null
        ? `${caps.channel} has no URL buttons: shown as a link in the text.`
        : `URL longer than ${caps.urlButtons.urlMax} characters for a ${caps.channel} button: shown as a link in the text.`,
    );
    return paragraph(link(button.title || button.url, button.url));
  }
  if (button.kind === 'phone' && !caps.phoneButtons) {
    note(context, 'degraded', path, `${caps.channel} has no call buttons: the number is shown in the text.`);
    return paragraph(
      plain(`${button.title}: `),
      link(button.phone, `tel:${button.phone.replace(/[^+\d]/g, '')}`),
    );
  }
  if (button.kind === 'copyCode' && !caps.copyCodeButtons) {
    note(
      context,
      'degraded',
      path,
      `${caps.channel} has no copy-code buttons: the code is shown in the text.`,
    );
    return paragraph(plain(`${button.title}: `), { type: 'code', value: button.code });
  }
  return undefined;
}

function fitButtons(entries: readonly Entry[], context: FitContext, usedIds: Set<string>): Button[] {
  const { caps } = context;
  const usedLabels = new Set<string>();
  return entries.map(({ button, path }, index) => {
    const isUrl = button.kind === 'url';
    const limit = isUrl && caps.urlButtons !== null ? caps.urlButtons.labelMax : caps.replyButtons.labelMax;
    let title = button.title;
    if (title.trim() === '') {
      title = String(index + 1);
      note(context, 'degraded', `${path}.title`, `Empty label shown as "${title}".`);
    }
    title = fitLabel(title, limit, context, `${path}.title`);
    if (caps.replyButtons.uniqueLabels)
      title = uniqueLabel(title, limit, usedLabels, context, `${path}.title`);
    const idLimit = caps.replyButtons.idMax;
    switch (button.kind) {
      case 'reply':
        return { kind: 'reply', title, id: fitId(button.id, idLimit, context, `${path}.id`, usedIds) };
      case 'form':
        return {
          kind: 'form',
          title,
          formId: fitId(button.formId, idLimit, context, `${path}.formId`, usedIds),
        };
      default:
        return { ...button, title };
    }
  });
}

function menuSections(menu: Menu | undefined): Section[] {
  if (menu === undefined) return [];
  return menu.sections
    .map((section, index) => ({
      title: section.title,
      path: `menu.sections[${index}]`,
      rows: section.rows.map((row, rowIndex) => ({ row, path: `menu.sections[${index}].rows[${rowIndex}]` })),
    }))
    .filter((section) => section.rows.length > 0);
}

/** Section titles and row descriptions of a menu shown as buttons, so no words are lost. */
function describeMenu(sections: readonly Section[]): Block[] {
  const hasDescriptions = sections.some((section) => section.rows.some(({ row }) => row.description));
  const hasTitles = sections.some((section) => section.title);
  if (!hasDescriptions && !hasTitles) return [];
  const blocks: Block[] = [];
  for (const section of sections) {
    if (section.title) blocks.push(paragraph(bold(section.title)));
    if (hasDescriptions) {
      blocks.push({
        type: 'list',
        ordered: false,
        items: section.rows.map(({ row }) => ({
          children: [bold(row.title), ...(row.description ? [plain(` — ${row.description}`)] : [])],
        })),
      });
    }
  }
  return blocks;
}

function paginateMenu(sections: readonly Section[], caps: MenuCaps, context: FitContext): Section[][] {
  const pages: Section[][] = [];
  let page: Section[] = [];
  let rowsOnPage = 0;
  for (const section of sections) {
    for (let offset = 0; offset < section.rows.length; ) {
      if (page.length >= caps.maxSections || rowsOnPage >= caps.maxRowsTotal) {
        pages.push(page);
        page = [];
        rowsOnPage = 0;
      }
      const take = Math.min(
        section.rows.length - offset,
        caps.maxRowsPerSection,
        caps.maxRowsTotal - rowsOnPage,
      );
      page.push({ ...section, rows: section.rows.slice(offset, offset + take) });
      rowsOnPage += take;
      offset += take;
    }
  }
  if (page.length > 0) pages.push(page);
  if (pages.length > 1) {
    note(
      context,
      'info',
      'menu',
      `Menu too big for one ${context.caps.channel} message (${caps.maxSections} section(s), ${caps.maxRowsTotal} rows): split over ${pages.length} messages.`,
    );
  }
  return pages;
}

function fitMenuPage(
  page: readonly Section[],
  label: string | undefined,
  caps: MenuCaps,
  context: FitContext,
): { menu: Menu; text: Block[] } {
  const text: Block[] = [];
  const usedIds = new Set<string>();
  const fittedLabel = fitLabel(
    label?.trim() ? label : DEFAULT_MENU_LABEL,
    caps.labelMax,
    context,
    'menu.label',
  );
  const sections = page.map((section, sectionIndex): MenuSection => {
    const rows = section.rows.map(({ row, path }, rowIndex): MenuRow => {
      const title = row.title.trim() === '' ? String(rowIndex + 1) : row.title;
      const fitted: MenuRow = {
        id: fitId(row.id, caps.idMax, context, `${path}.id`, usedIds),
        title: fitLabel(title, caps.rowTitleMax, context, `${path}.title`),
      };
      if (!row.description) return fitted;
      if (caps.rowDescriptionMax.max === 0) {
        note(
          context,
          'lost',
          `${path}.description`,
          `${context.caps.channel} menus have no row descriptions.`,
        );
        return fitted;
      }
      return {
        ...fitted,
        description: fitLabel(row.description, caps.rowDescriptionMax, context, `${path}.description`),
      };
    });
    if (caps.sectionTitleMax.max === 0) {
      if (section.title) {
        text.push(paragraph(bold(section.title)));
        note(
          context,
          'info',
          `${section.path}.title`,
          `${context.caps.channel} menus have no section titles: shown in the text.`,
        );
      }
      return { rows };
    }
    let title = section.title;
    if (!title && page.length > 1) title = `${fittedLabel} ${sectionIndex + 1}`;
    return title
      ? { title: fitLabel(title, caps.sectionTitleMax, context, `${section.path}.title`), rows }
      : { rows };
  });
  return { menu: { label: fittedLabel, sections }, text };
}
