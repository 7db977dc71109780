// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITender} from "../../../../contracts/interfaces/ITender.sol";
import {MockERC20} from "../../../../contracts/mocks/MockERC20.sol";
import {Tender} from "../../../../contracts/types/Tender.sol";
import {GasBurner, RejectingParty} from "../../mocks/Actors.sol";
import {BlocklistToken, HookToken} from "../../mocks/AdversarialTokens.sol";
import {CheatBase} from "../../utils/Test.sol";

/// @notice Drives random but valid escrow actions by many actors across many jobs, and keeps the ghost books the
/// invariants compare the escrow against: what each actor should hold, what each job paid out, what the protocol
/// earned. Every action it takes must succeed (the suite fails on any revert), so each one checks its preconditions
/// first; unauthorized attempts are made through try/catch and counted if they ever succeed.
contract EscrowHandler is CheatBase {
    address internal constant ETH = address(0);
    uint32 internal constant MIN_WINDOW = 1 hours;
    uint32 internal constant MAX_WINDOW = 365 days;

    ITender public escrow;
    address public treasury;
    address public owner;
    address public arbitrator;
    address public sink;
    RejectingParty public rejecting;
    GasBurner public burner;
    HookToken public hook;
    MockERC20 public usd;
    BlocklistToken public busd;

    address[] public actors;
    address[] public tokens;
    uint256[] public jobIds;
    uint256[] public rfqIds;
    uint256[] internal _disputedIds;

    /// @notice What each actor should own, in its wallet or as an escrow credit.
    mapping(address actor => mapping(address token => uint256)) public expectedWealth;
    /// @notice The bond each RFQ asks for (its only floor here: record and metric floors have their own tests).
    mapping(uint256 jobId => uint16) internal bondBpsOf;
    /// @notice How many times each job released its money (at most once).
    mapping(uint256 jobId => uint256) public payouts;
    /// @notice Fees earned and collected, per token.
    mapping(address token => uint256) public feesEarned;
    mapping(address token => uint256) public feesCollected;
    /// @notice Unauthorized or out-of-time calls that went through (must stay 0).
    uint256 public breaches;
    /// @notice Lowest-price awards that went to a bid above the lowest (must stay 0).
    uint256 public wrongAwards;
    /// @notice Who bid on each RFQ.
    mapping(uint256 jobId => address[]) internal _bidders;
    /// @notice Calls made per action, for the run's summary.
    mapping(bytes32 action => uint256) public calls;

    /// @notice The handler's own reading of a payment's held share (payment 0): what confirm or finalize held, what
    /// the claim asked and cost, where it stands. The invariants compare the escrow's heldOf/claimOf against it.
    struct GhostHeld {
        uint256 amount;
        uint256 bond;
        uint256 asked;
        uint256 fee;
        uint40 endsAt;
        uint40 deadline;
        Tender.ClaimStatus claim;
    }

    /// @notice The holdback each job was posted with.
    mapping(uint256 jobId => Tender.Warranty) internal _warrantyOf;
    mapping(uint256 jobId => mapping(uint256 payment => GhostHeld)) internal _ghostHeld;
    /// @notice Payments that held something at settlement: the job (heldIds) and the payment index (heldPayments):
    /// 0 for a plain job, the milestone's index for a job in milestones.
    uint256[] public heldIds;
    uint256[] public heldPayments;
    /// @notice The last payment of each job that held something (what the warranty actions pick on it).
    mapping(uint256 jobId => uint256) internal _lastHeldPayment;
    /// @notice How many times each payment's held share was paid out (at most once).
    mapping(uint256 jobId => mapping(uint256 payment => uint256)) public heldPayouts;

    /// @notice Jobs in milestones, and the handler's own books of each: its schedule (count and shares, kept at
    /// posting), the milestone in progress, the gross and the shares settled so far, and how many times each
    /// milestone was paid (at most once).
    uint256[] public partIds;
    mapping(uint256 jobId => uint256) public ghostCount;
    mapping(uint256 jobId => uint16[8]) internal _sharesOf;
    mapping(uint256 jobId => uint256) public ghostCurrent;
    mapping(uint256 jobId => uint256) public ghostSettled;
    mapping(uint256 jobId => uint256) public ghostSettledBps;
    mapping(uint256 jobId => mapping(uint256 milestone => uint256)) public partPayouts;

    /// @dev What the action about to be taken on a job is worth, by the handler's own reading, taken before the
    /// call: the milestone in progress (0 and last for a plain job), its gross (the price for a plain job; ⌊price ×
    /// share⌋, the last the rest), its part of the winner's bond (all of it for a plain job; ⌊left × share / shares
    /// left⌋, the last all that is left) and the bond left before it.
    struct Part {
        bool inParts;
        uint256 index;
        bool last;
        uint256 gross;
        uint256 bondPart;
        uint256 bondLeft;
    }
    /// @notice Claim counters as the handler counts them.
    mapping(address supplier => uint256) public claimsFaced;
    mapping(address supplier => uint256) public clawedBack;
    mapping(address buyer => uint256) public claimsLost;

    constructor(ITender escrow_, MockERC20 usd_, address owner_, address treasury_, address arbitrator_) {
        escrow = escrow_;
        usd = usd_;
        owner = owner_;
        treasury = treasury_;
        arbitrator = arbitrator_;
        busd = new BlocklistToken();
        rejecting = new RejectingParty();
        burner = new GasBurner();
        hook = new HookToken();
        sink = makeAddr("sink");
        actors.push(makeAddr("alice"));
        actors.push(makeAddr("bob"));
        actors.push(makeAddr("carol"));
        actors.push(makeAddr("dave"));
        actors.push(address(rejecting));
        actors.push(address(burner));
        tokens.push(ETH);
        tokens.push(address(usd_));
        tokens.push(address(busd));
        tokens.push(address(hook));
        vm.prank(owner_);
        escrow_.setTokenAllowed(address(usd_), true);
        vm.prank(owner_);
        escrow_.setTokenAllowed(address(busd), true);
        vm.prank(owner_);
        escrow_.setTokenAllowed(address(hook), true);
        for (uint256 i; i < actors.length; ++i) {
            vm.prank(actors[i]);
            usd.approve(address(escrow_), type(uint256).max);
            vm.prank(actors[i]);
            busd.approve(address(escrow_), type(uint256).max);
            vm.prank(actors[i]);
            hook.approve(address(escrow_), type(uint256).max);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 ACTIONS
    //////////////////////////////////////////////////////////////*/

    function post(
        uint256 buyerSeed,
        uint256 supplierSeed,
        uint256 tokenSeed,
        uint96 price,
        uint32 delivery,
        uint32 review,
        uint16 holdback,
        uint256 planSeed
    ) external {
        address buyer = actors[buyerSeed % actors.length];
        address supplier = actors[supplierSeed % actors.length];
        if (buyer == supplier) supplier = actors[(buyerSeed % actors.length + 1) % actors.length];
        address token = tokens[tokenSeed % tokens.length];
        if (token == address(busd) && busd.blocked(buyer)) return; // cannot be funded while blocked
        price = uint96(bound(price, 1, 1e24));
        _mintTo(buyer, token, price);

        Tender.DirectHire memory hire = Tender.DirectHire({
            supplier: supplier,
            token: token,
            price: price,
            deliveryWindow: uint32(bound(delivery, MIN_WINDOW, 30 days)),
            reviewWindow: uint32(bound(review, MIN_WINDOW, 30 days)),
            arbitrator: arbitrator,
            arbitratorTermsId: escrow.arbitrator(arbitrator).termsId,
            defaultBuyerShareBps: uint16(bound(price, 0, 5_000)),
            warranty: _warranty(holdback, false),
            category: keccak256("code"),
            spec: '{"version":1,"title":"t"}'
        });
        uint256 jobId;
        vm.prank(buyer);
        if (planSeed % 3 == 0) {
            // One post in three is in milestones.
            jobId = escrow.postDirectHireInMilestones{value: token == ETH ? price : 0}(
                hire, _plan(planSeed, hire.deliveryWindow)
            );
            _scheduled(jobId, planSeed);
            ++calls["postInMilestones"];
        } else {
            jobId = escrow.postDirectHire{value: token == ETH ? price : 0}(hire);
        }
        expectedWealth[buyer][token] -= price;
        jobIds.push(jobId);
        _warrantyOf[jobId] = hire.warranty;
        ++calls["post"];
    }

    function postRFQ(
        uint256 buyerSeed,
        uint256 tokenSeed,
        uint96 maxPrice,
        uint32 bidding,
        bool buyerChoice,
        uint16 bondBps,
        uint16 holdback,
        bool holdBond,
        uint256 planSeed
    ) external {
        address buyer = actors[buyerSeed % actors.length];
        address token = tokens[tokenSeed % tokens.length];
        if (token == address(busd) && busd.blocked(buyer)) return;
        maxPrice = uint96(bound(maxPrice, 1, 1e24));
        _mintTo(buyer, token, maxPrice);
        Tender.Floors memory floors = _floors(uint16(bound(bondBps, 0, 2_000)));
        Tender.RFQ memory rfq = Tender.RFQ({
            token: token,
            maxPrice: maxPrice,
            bidDeadline: uint40(block.timestamp + bound(bidding, MIN_WINDOW, 10 days)),
            awardWindow: buyerChoice ? 2 days : 0,
            deliveryWindow: 3 days,
            reviewWindow: 2 days,
            mode: buyerChoice ? Tender.AwardMode.BuyerChoice : Tender.AwardMode.LowestPrice,
            arbitrator: arbitrator,
            arbitratorTermsId: escrow.arbitrator(arbitrator).termsId,
            defaultBuyerShareBps: 0,
            warranty: _warranty(holdback, holdBond),
            category: keccak256("code"),
            floors: floors,
            spec: '{"version":1,"title":"rfq"}'
        });
        uint256 jobId;
        vm.prank(buyer);
        if (planSeed % 3 == 0) {
            jobId = escrow.postRFQInMilestones{value: token == ETH ? maxPrice : 0}(rfq, _plan(planSeed, rfq.deliveryWindow));
            _scheduled(jobId, planSeed);
            ++calls["postRFQInMilestones"];
        } else {
            jobId = escrow.postRFQ{value: token == ETH ? maxPrice : 0}(rfq);
        }
        expectedWealth[buyer][token] -= maxPrice;
        jobIds.push(jobId);
        bondBpsOf[jobId] = floors.bondBps;
        _warrantyOf[jobId] = rfq.warranty;
        rfqIds.push(jobId);
        ++calls["postRFQ"];
    }

    /// @notice One to three actors bid on an open RFQ (several per call, so RFQs get real competition).
    function bid(uint256 jobSeed, uint256 bidderSeed, uint96 price, uint8 count) external {
        (uint256 jobId, Tender.Job memory job) = _pickRfq(jobSeed);
        if (job.status != Tender.Status.Open || block.timestamp >= job.deadline) return;
        Tender.Floors memory floors = _floors(bondBpsOf[jobId]);
        uint256 bond = uint256(job.price) * floors.bondBps / 10_000;
        for (uint256 n; n <= count % 3; ++n) {
            address bidder = actors[(bidderSeed % actors.length + n) % actors.length];
            if (bidder == job.buyer || escrow.bidOf(jobId, bidder).price != 0) continue;
            if (job.token == address(busd) && busd.blocked(bidder)) continue;
            _mintTo(bidder, job.token, bond);
            uint96 offer = uint96(bound(uint256(keccak256(abi.encode(price, n))), 1, job.price));
            vm.prank(bidder);
            escrow.bid{value: job.token == ETH ? bond : 0}(jobId, offer, floors);
            expectedWealth[bidder][job.token] -= bond;
            _bidders[jobId].push(bidder);
            ++calls["bid"];
        }
    }

    function improveBid(uint256 jobSeed, uint256 bidderSeed, uint96 price) external {
        (uint256 jobId, Tender.Job memory job) = _pickRfq(jobSeed);
        if (job.status != Tender.Status.Open || block.timestamp >= job.deadline) return;
        address[] storage bidders = _bidders[jobId];
        if (bidders.length == 0) return;
        address bidder = bidders[bidderSeed % bidders.length];
        uint96 current = escrow.bidOf(jobId, bidder).price;
        if (current <= 1) return;
        vm.prank(bidder);
        escrow.improveBid(jobId, uint96(bound(price, 1, current - 1)));
        ++calls["improveBid"];
    }

    function award(uint256 jobSeed, uint256 callerSeed) external {
        (uint256 jobId, Tender.Job memory job) = _pickRfq(jobSeed);
        if (job.status != Tender.Status.Open || block.timestamp < job.deadline) return;
        if (escrow.rfqOf(jobId).mode != Tender.AwardMode.LowestPrice || _bidders[jobId].length == 0) return;
        uint256 lowest = type(uint256).max;
        for (uint256 i; i < _bidders[jobId].length; ++i) {
            uint256 p = escrow.bidOf(jobId, _bidders[jobId][i]).price;
            if (p < lowest) lowest = p;
        }
        _awardJob(jobId, job, actors[callerSeed % actors.length], lowest);
    }

    function _awardJob(uint256 jobId, Tender.Job memory job, address caller, uint256 lowest) internal {
        vm.prank(caller);
        escrow.award(jobId);
        Tender.Job memory awarded = escrow.job(jobId);
        if (awarded.price != lowest || escrow.bidOf(jobId, awarded.supplier).price != lowest) ++wrongAwards;
        expectedWealth[job.buyer][job.token] += job.price - awarded.price;
        ++calls["award"];
    }

    function pick(uint256 jobSeed, uint256 bidderSeed) external {
        (uint256 jobId, Tender.Job memory job) = _pickRfq(jobSeed);
        if (job.status != Tender.Status.Open || block.timestamp < job.deadline) return;
        Tender.RFQState memory rfq = escrow.rfqOf(jobId);
        if (rfq.mode != Tender.AwardMode.BuyerChoice || block.timestamp >= rfq.awardDeadline) return;
        address[] storage bidders = _bidders[jobId];
        if (bidders.length == 0) return;
        address chosen = bidders[bidderSeed % bidders.length];
        vm.prank(job.buyer);
        escrow.pick(jobId, chosen);
        expectedWealth[job.buyer][job.token] += job.price - escrow.job(jobId).price;
        ++calls["pick"];
    }

    function cancel(uint256 jobSeed, uint256 callerSeed) external {
        (uint256 jobId, Tender.Job memory job) = _pickRfq(jobSeed);
        if (job.status != Tender.Status.Open) return;
        bool hasBids = _bidders[jobId].length != 0;
        Tender.RFQState memory rfq = escrow.rfqOf(jobId);
        if (hasBids && rfq.mode == Tender.AwardMode.LowestPrice) return;
        uint256 lapsedAt = hasBids ? rfq.awardDeadline : job.deadline;
        address caller = actors[callerSeed % actors.length];
        bool allowed = (caller == job.buyer && (!hasBids || block.timestamp >= lapsedAt))
            || block.timestamp >= lapsedAt + escrow.cancelGracePeriod();
        if (!allowed) return;
        vm.prank(caller);
        escrow.cancel(jobId);
        ++payouts[jobId];
        expectedWealth[job.buyer][job.token] += job.price;
        ++calls["cancel"];
    }

    function reclaimBond(uint256 jobSeed, uint256 bidderSeed) external {
        (uint256 jobId, Tender.Job memory job) = _pickRfq(jobSeed);
        address[] storage bidders = _bidders[jobId];
        if (bidders.length == 0 || job.status == Tender.Status.Open) return;
        address bidder = bidders[bidderSeed % bidders.length];
        uint256 bond = escrow.bidOf(jobId, bidder).bond;
        if (bond == 0 || bidder == job.supplier) return;
        vm.prank(bidder);
        escrow.reclaimBond(jobId);
        expectedWealth[bidder][job.token] += bond; // pushed, or credited if it refuses
        ++calls["reclaimBond"];
    }

    /*//////////////////////////////////////////////////////////////
                                DISPUTES
    //////////////////////////////////////////////////////////////*/

    /// @notice Disputes a delivered job; an awarded one is delivered first (so dispute chains are common).
    function dispute(uint256 jobSeed) external {
        (uint256 jobId, Tender.Job memory job) = _pick(jobSeed);
        if (job.status == Tender.Status.Awarded && block.timestamp < job.deadline) {
            deliver(jobSeed);
            job = escrow.job(jobId);
        }
        if (job.status != Tender.Status.Delivered || block.timestamp >= job.deadline) return;
        if (job.token == address(busd) && busd.blocked(job.buyer)) return;
        uint256 fee = _feeOf(jobId, job);
        _mintTo(job.buyer, job.token, fee);
        vm.prank(job.buyer);
        escrow.dispute{value: job.token == ETH ? fee : 0}(jobId, "ipfs://statement");
        _disputedIds.push(jobId);
        expectedWealth[job.buyer][job.token] -= fee;
        ++calls["dispute"];
    }

    function respond(uint256 jobSeed) public {
        (uint256 jobId, Tender.Job memory job) = _pickFrom(_disputedIds, jobSeed);
        if (job.status != Tender.Status.Disputed || job.answered || block.timestamp >= job.deadline) return;
        if (job.token == address(busd) && busd.blocked(job.supplier)) return;
        uint256 fee = _feeOf(jobId, job);
        _mintTo(job.supplier, job.token, fee);
        vm.prank(job.supplier);
        escrow.respond{value: job.token == ETH ? fee : 0}(jobId, "ipfs://response");
        expectedWealth[job.supplier][job.token] -= fee;
        ++calls["respond"];
    }

    function evidence(uint256 jobSeed, bool byBuyer) external {
        (uint256 jobId, Tender.Job memory job) = _pickFrom(_disputedIds, jobSeed);
        if (job.status != Tender.Status.Disputed) return;
        vm.prank(byBuyer ? job.buyer : job.supplier);
        escrow.submitEvidence(jobId, "ipfs://evidence");
        ++calls["evidence"];
    }

    /// @notice Rules on a disputed job; an unanswered one is answered first.
    function rule(uint256 jobSeed, uint16 bps) external {
        (uint256 jobId, Tender.Job memory job) = _pickFrom(_disputedIds, jobSeed);
        if (job.status == Tender.Status.Disputed && !job.answered && block.timestamp < job.deadline) {
            respond(jobSeed);
            job = escrow.job(jobId);
        }
        if (job.status != Tender.Status.Disputed || !job.answered || block.timestamp >= job.deadline) return;
        bps = uint16(bound(bps, 0, 10_000));
        if (bps % 3 == 0) bps = 5_000; // make even rulings common
        Part memory p = _partOf(jobId, job);
        vm.prank(arbitrator);
        escrow.rule(jobId, bps, keccak256("reasons"));
        _disputeSettled(jobId, job, p, bps, 0);
        ++calls["rule"];
    }

    function settleDispute(uint256 jobSeed, uint256 callerSeed) external {
        (uint256 jobId, Tender.Job memory job) = _pickFrom(_disputedIds, jobSeed);
        if (job.status != Tender.Status.Disputed || block.timestamp < job.deadline) return;
        Part memory p = _partOf(jobId, job);
        vm.prank(actors[callerSeed % actors.length]);
        escrow.settleDispute(jobId);
        if (job.answered) _disputeSettled(jobId, job, p, job.defaultBuyerShareBps, 2);
        else _disputeSettled(jobId, job, p, 10_000, 1);
        ++calls["settleDispute"];
    }

    /// @dev The ghost books' own reading of the dispute rules, on the price of a plain job or the gross of the
    /// milestone in progress. `kind`: 0 ruled, 1 unanswered, 2 silent. A milestone's dispute the supplier lost (above
    /// 5,000 bps) ends the job: every unsettled milestone and the rest of the bond back to the buyer.
    function _disputeSettled(uint256 jobId, Tender.Job memory job, Part memory p, uint256 bps, uint256 kind) internal {
        uint256 fee = p.gross * escrow.arbitratorTerms(job.termsId).feeBps / 10_000;
        uint256 toBuyer = p.gross * bps / 10_000;
        uint256 supplierShare = p.gross - toBuyer;
        uint256 protocolFee = supplierShare * job.protocolFeeBps / 10_000;
        uint256 toSupplier = supplierShare - protocolFee;
        uint256 toArbitrator;
        if (kind == 1) {
            toBuyer += fee;
        } else if (kind == 2) {
            toBuyer += fee;
            toSupplier += fee;
        } else if (bps > 5_000) {
            toBuyer += fee;
            toArbitrator = fee;
        } else if (bps < 5_000) {
            toSupplier += fee;
            toArbitrator = fee;
        } else {
            toBuyer += fee / 2;
            toSupplier += fee / 2;
            toArbitrator = 2 * fee - 2 * (fee / 2);
        }
        if (bps > 5_000) toBuyer += p.bondPart;
        else toSupplier += p.bondPart;
        bool endsEarly = p.inParts && !p.last && bps > 5_000;
        if (endsEarly) ++calls["milestoneDisputeLost"];
        if (p.inParts) ++calls["milestoneDispute"];
        if (endsEarly) toBuyer += job.price - ghostSettled[jobId] - p.gross + (p.bondLeft - p.bondPart);
        feesEarned[job.token] += protocolFee;
        expectedWealth[job.buyer][job.token] += toBuyer;
        expectedWealth[job.supplier][job.token] += toSupplier;
        expectedWealth[arbitrator][job.token] += toArbitrator;
        _partPaid(jobId, p, endsEarly);
    }

    /// @notice The arbitrator's fee a side pays on `job` (on the milestone in progress, for a job in milestones).
    function feeOf(uint256 jobId) external view returns (uint256) {
        return _feeOf(jobId, escrow.job(jobId));
    }

    function _feeOf(uint256 jobId, Tender.Job memory job) internal view returns (uint256) {
        return _partOf(jobId, job).gross * escrow.arbitratorTerms(job.termsId).feeBps / 10_000;
    }

    /// @notice What the escrow holds in bonds for `token`.
    function bondsHeld(address token) external view returns (uint256 total) {
        for (uint256 i; i < jobIds.length; ++i) {
            uint256 jobId = jobIds[i];
            if (escrow.job(jobId).token != token) continue;
            address[] storage bidders = _bidders[jobId];
            for (uint256 j; j < bidders.length; ++j) total += escrow.bidOf(jobId, bidders[j]).bond;
        }
    }

    function deliver(uint256 jobSeed) public {
        (uint256 jobId, Tender.Job memory job) = _pick(jobSeed);
        if (job.status != Tender.Status.Awarded || block.timestamp >= job.deadline) return;
        vm.prank(job.supplier);
        escrow.deliver(jobId, keccak256(abi.encode(jobId)), "ipfs://work");
        ++calls["deliver"];
    }

    function decline(uint256 jobId_) external {
        (uint256 jobId, Tender.Job memory job) = _pick(jobId_);
        if (job.status != Tender.Status.Awarded || block.timestamp >= job.deadline) return;
        Part memory p = _partOf(jobId, job);
        vm.prank(job.supplier);
        escrow.decline(jobId);
        _refunded(jobId, job, p);
        ++calls["decline"];
    }

    function refund(uint256 jobSeed, uint256 callerSeed) external {
        (uint256 jobId, Tender.Job memory job) = _pick(jobSeed);
        if (job.status != Tender.Status.Awarded || block.timestamp < job.deadline) return;
        Part memory p = _partOf(jobId, job);
        vm.prank(actors[callerSeed % actors.length]);
        escrow.refund(jobId);
        _refunded(jobId, job, p);
        ++calls["refund"];
    }

    function confirm(uint256 jobSeed, uint8 rating) external {
        (uint256 jobId, Tender.Job memory job) = _pick(jobSeed);
        if (job.status != Tender.Status.Delivered || block.timestamp >= job.deadline) return;
        Part memory p = _partOf(jobId, job);
        vm.prank(job.buyer);
        escrow.confirm(jobId, p.last ? uint8(bound(rating, 1, 5)) : 0); // a rating only on the last milestone
        _settled(jobId, job, p);
        ++calls["confirm"];
    }

    function finalize(uint256 jobSeed, uint256 callerSeed) external {
        (uint256 jobId, Tender.Job memory job) = _pick(jobSeed);
        if (job.status != Tender.Status.Delivered || block.timestamp < job.deadline) return;
        Part memory p = _partOf(jobId, job);
        vm.prank(actors[callerSeed % actors.length]);
        escrow.finalize(jobId);
        _settled(jobId, job, p);
        ++calls["finalize"];
    }

    function withdraw(uint256 actorSeed, uint256 tokenSeed) external {
        address actor = actors[actorSeed % actors.length];
        address token = tokens[tokenSeed % tokens.length];
        uint256 amount = escrow.credit(actor, token);
        if (amount == 0) return;
        // An actor that cannot receive (refuses ETH, or is blocklisted, or refuses or burns a token's hook, or burns
        // the gas of any ETH it gets) withdraws to the sink instead.
        bool cannotReceive = ((actor == address(rejecting) || actor == address(burner)) && (token == ETH || token == address(hook)))
            || (token == address(busd) && busd.blocked(actor));
        address to = cannotReceive ? sink : actor;
        vm.prank(actor);
        escrow.withdraw(token, to);
        expectedWealth[actor][token] -= amount;
        expectedWealth[to][token] += amount;
        ++calls["withdraw"];
    }

    function collectFees(uint256 tokenSeed) external {
        address token = tokens[tokenSeed % tokens.length];
        uint256 amount = escrow.protocolFees(token);
        if (amount == 0) return;
        escrow.collectProtocolFees(token);
        feesCollected[token] += amount;
        ++calls["collectFees"];
    }

    function setFee(uint16 feeBps) external {
        vm.prank(owner);
        escrow.setProtocolFee(uint16(bound(feeBps, 0, 500)));
        ++calls["setFee"];
    }

    function toggleBlocklist(uint256 actorSeed) external {
        address actor = actors[actorSeed % actors.length];
        busd.setBlocked(actor, !busd.blocked(actor));
        ++calls["toggleBlocklist"];
    }

    function warp(uint32 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 6 days));
        ++calls["warp"];
    }

    /// @notice Someone with no right to (a random actor or the sink), or at the wrong time, tries to move a job.
    function attack(uint256 jobSeed, uint256 callerSeed, uint8 how) external {
        (uint256 jobId, Tender.Job memory job) = _pick(jobSeed);
        if (job.status == Tender.Status.None) return;
        address caller = callerSeed % 2 == 0 ? sink : actors[callerSeed % actors.length];
        bool ok;
        vm.startPrank(caller);
        how = how % 6;
        if (how == 0 && caller != job.buyer) {
            try escrow.confirm(jobId, 5) {ok = true;} catch {}
        } else if (how == 1 && caller != job.supplier) {
            try escrow.deliver(jobId, keccak256("forged"), "x") {ok = true;} catch {}
        } else if (how == 2 && caller != job.supplier) {
            try escrow.decline(jobId) {ok = true;} catch {}
        } else if (how == 3 && !(job.status == Tender.Status.Awarded && block.timestamp >= job.deadline)) {
            try escrow.refund(jobId) {ok = true;} catch {}
        } else if (how == 4 && !(job.status == Tender.Status.Delivered && block.timestamp >= job.deadline)) {
            try escrow.finalize(jobId) {ok = true;} catch {}
        } else if (how == 5) {
            try escrow.rule(jobId, 10_000, bytes32(0)) {ok = true;} catch {}
        }
        vm.stopPrank();
        if (how == 0 && job.flags & Tender.FLAG_MILESTONES != 0) {
            // The buyer itself, with the wrong rating for the milestone in progress (one before the last, none on
            // the last), at any time.
            bool last = ghostCurrent[jobId] + 1 == ghostCount[jobId];
            vm.prank(job.buyer);
            try escrow.confirm(jobId, last ? 0 : 5) {ok = true;} catch {}
        }
        if (ok) ++breaches;
        ++calls["attack"];
    }

    /*//////////////////////////////////////////////////////////////
                                WARRANTY
    //////////////////////////////////////////////////////////////*/

    /// @notice The buyer claims part of a held share; a job still open (lowest price, bidding over), awarded or
    /// delivered is awarded, delivered and confirmed first (so warranty chains are common; waive, returnHeld and
    /// release do the same), and one time in four left held without a claim.
    function claim(uint256 jobSeed, uint96 asked) external {
        (uint256 jobId, Tender.Job memory job, uint256 payment) = _settleFirst(jobSeed);
        if (asked % 4 == 0) return;
        _fileClaim(jobId, payment, job, asked);
    }

    /// @dev Files a claim on a held share if one may be filed now.
    function _fileClaim(uint256 jobId, uint256 payment, Tender.Job memory job, uint96 asked) internal {
        GhostHeld storage g = _ghostHeld[jobId][payment];
        if (g.amount == 0 || g.claim != Tender.ClaimStatus.None || block.timestamp >= g.endsAt) return;
        if (job.token == address(busd) && busd.blocked(job.buyer)) return;
        asked = uint96(bound(asked, 1, g.amount));
        uint256 fee = ((g.amount + g.bond) * escrow.arbitratorTerms(job.termsId).feeBps + 9_999) / 10_000;
        _mintTo(job.buyer, job.token, fee);
        vm.prank(job.buyer);
        escrow.claim{value: job.token == ETH ? fee : 0}(jobId, payment, asked, "ipfs://claim");
        expectedWealth[job.buyer][job.token] -= fee;
        g.asked = asked;
        g.fee = fee;
        g.claim = Tender.ClaimStatus.Filed;
        g.deadline = uint40(block.timestamp + escrow.responseWindow());
        ++claimsFaced[job.supplier];
        ++calls["claim"];
    }

    function answerClaim(uint256 jobSeed) external {
        (uint256 jobId, uint256 payment, Tender.Job memory job) = _pickHeld(jobSeed);
        _answerClaim(jobId, payment, job);
    }

    function _answerClaim(uint256 jobId, uint256 payment, Tender.Job memory job) internal {
        GhostHeld storage g = _ghostHeld[jobId][payment];
        if (g.claim != Tender.ClaimStatus.Filed || block.timestamp >= g.deadline) return;
        if (job.token == address(busd) && busd.blocked(job.supplier)) return;
        _mintTo(job.supplier, job.token, g.fee);
        vm.prank(job.supplier);
        escrow.answerClaim{value: job.token == ETH ? g.fee : 0}(jobId, payment, "ipfs://answer");
        expectedWealth[job.supplier][job.token] -= g.fee;
        g.claim = Tender.ClaimStatus.Answered;
        g.deadline = uint40(block.timestamp + escrow.arbitratorTerms(job.termsId).ruleWindow);
        ++calls["answerClaim"];
    }

    function claimEvidence(uint256 jobSeed, bool byBuyer) external {
        (uint256 jobId, uint256 payment, Tender.Job memory job) = _pickHeld(jobSeed);
        if (!_claimOpen(jobId, payment)) return;
        vm.prank(byBuyer ? job.buyer : job.supplier);
        escrow.submitClaimEvidence(jobId, payment, "ipfs://evidence");
        ++calls["claimEvidence"];
    }

    /// @notice The supplier agrees instead of answering: exactly the amount asked and the buyer's fee back, the
    /// held bond to it.
    function agreeClaim(uint256 jobSeed, uint96 asked) external {
        (uint256 jobId, Tender.Job memory job, uint256 payment) = _settleFirst(jobSeed);
        if (asked % 2 == 0) _fileClaim(jobId, payment, job, asked);
        GhostHeld storage g = _ghostHeld[jobId][payment];
        if (g.claim != Tender.ClaimStatus.Filed || block.timestamp >= g.deadline) return;
        vm.prank(job.supplier);
        escrow.agreeClaim(jobId, payment);
        ++clawedBack[job.supplier];
        _heldPaidOut(jobId, payment, job, g.asked, g.fee, g.bond, 0);
        ++calls["agreeClaim"];
    }

    /// @notice The arbitrator rules an answered claim; a held share without a claim is claimed first (with the
    /// ruling's seed as the amount asked), a filed claim answered first.
    function ruleClaim(uint256 jobSeed, uint16 bps) external {
        (uint256 jobId, Tender.Job memory job, uint256 payment) = _settleFirst(jobSeed);
        GhostHeld storage g = _ghostHeld[jobId][payment];
        _fileClaim(jobId, payment, job, uint96(uint256(keccak256(abi.encode(bps)))));
        if (g.claim == Tender.ClaimStatus.Filed && block.timestamp < g.deadline) _answerClaim(jobId, payment, job);
        if (g.claim != Tender.ClaimStatus.Answered || block.timestamp >= g.deadline) return;
        bps = uint16(bound(bps, 0, 10_000));
        if (bps % 3 == 0) bps = 5_000; // make even rulings common
        vm.prank(arbitrator);
        escrow.ruleClaim(jobId, payment, bps, keccak256("reasons"));
        uint256 fee = g.fee;
        uint256 fromHeld = g.asked * bps / 10_000;
        if (bps > 5_000) {
            ++clawedBack[job.supplier];
            _heldPaidOut(jobId, payment, job, fromHeld, fee + g.bond, 0, fee);
        } else if (bps < 5_000) {
            ++claimsLost[job.buyer];
            _heldPaidOut(jobId, payment, job, fromHeld, 0, fee + g.bond, fee);
        } else {
            _heldPaidOut(jobId, payment, job, fromHeld, fee / 2, fee / 2 + g.bond, 2 * fee - 2 * (fee / 2));
        }
        ++calls["ruleClaim"];
    }

    /// @notice Anyone ends a claim past its deadline: unanswered, the buyer wins the amount asked and the bond;
    /// answered (a silent arbitrator), the supplier keeps all, both fees back. It may file or answer the claim first.
    function settleClaim(uint256 jobSeed, uint256 callerSeed) external {
        (uint256 jobId, Tender.Job memory job, uint256 payment) = _settleFirst(jobSeed);
        GhostHeld storage g = _ghostHeld[jobId][payment];
        if (callerSeed % 3 == 0) _fileClaim(jobId, payment, job, uint96(callerSeed));
        if (callerSeed % 3 == 1 && g.claim == Tender.ClaimStatus.Filed && block.timestamp < g.deadline) {
            _answerClaim(jobId, payment, job);
        }
        if (!_claimOpen(jobId, payment)) return;
        if (block.timestamp < g.deadline && callerSeed % 2 == 1) vm.warp(g.deadline); // often, wait for it
        if (block.timestamp < g.deadline) return;
        vm.prank(actors[callerSeed % actors.length]);
        escrow.settleClaim(jobId, payment);
        if (g.claim == Tender.ClaimStatus.Filed) {
            ++clawedBack[job.supplier];
            _heldPaidOut(jobId, payment, job, g.asked, g.fee + g.bond, 0, 0);
        } else {
            _heldPaidOut(jobId, payment, job, 0, g.fee, g.fee + g.bond, 0);
        }
        ++calls["settleClaim"];
    }

    /// @notice The buyer waives: all of it to the supplier; an open claim's fees back to each side that paid one.
    function waive(uint256 jobSeed) external {
        (uint256 jobId, Tender.Job memory job, uint256 payment) = _settleFirst(jobSeed);
        GhostHeld storage g = _ghostHeld[jobId][payment];
        if (g.amount == 0 && g.bond == 0) return;
        vm.prank(job.buyer);
        escrow.waive(jobId, payment);
        bool open = _claimOpen(jobId, payment);
        if (open) ++claimsLost[job.buyer]; // an open claim waived is a claim the buyer lost
        uint256 buyerFee = open ? g.fee : 0;
        uint256 supplierFee = g.claim == Tender.ClaimStatus.Answered ? g.fee : 0;
        _heldPaidOut(jobId, payment, job, 0, buyerFee, g.bond + supplierFee, 0);
        ++calls["waive"];
    }

    /// @notice The supplier gives part of the held share back, uncharged.
    function returnHeld(uint256 jobSeed, uint96 amount) external {
        (uint256 jobId, Tender.Job memory job, uint256 payment) = _settleFirst(jobSeed);
        GhostHeld storage g = _ghostHeld[jobId][payment];
        if (g.amount == 0 || _claimOpen(jobId, payment) || block.timestamp >= g.endsAt) return;
        amount = uint96(bound(amount, 1, g.amount));
        vm.prank(job.supplier);
        escrow.returnHeld(jobId, payment, amount);
        g.amount -= amount;
        expectedWealth[job.buyer][job.token] += amount;
        ++calls["returnHeld"];
    }

    /// @notice Anyone releases a held share (and bond) whose warranty ended, with no claim open.
    function release(uint256 jobSeed, uint256 callerSeed) external {
        (uint256 jobId, Tender.Job memory job, uint256 payment) = _settleFirst(jobSeed);
        GhostHeld storage g = _ghostHeld[jobId][payment];
        if ((g.amount == 0 && g.bond == 0) || _claimOpen(jobId, payment)) return;
        if (block.timestamp < g.endsAt && callerSeed % 2 == 1) vm.warp(g.endsAt); // often, wait for it
        if (block.timestamp < g.endsAt) return;
        vm.prank(actors[callerSeed % actors.length]);
        escrow.release(jobId, payment);
        _heldPaidOut(jobId, payment, job, 0, 0, g.bond, 0);
        ++calls["release"];
    }

    /// @notice Someone with no right to, or at the wrong time, tries to move a held share.
    function attackWarranty(uint256 jobSeed, uint256 callerSeed, uint8 how) external {
        (uint256 jobId, uint256 payment, Tender.Job memory job) = _pickHeld(jobSeed);
        if (jobId == 0) return;
        GhostHeld memory g = _ghostHeld[jobId][payment];
        bool open = _claimOpen(jobId, payment);
        bool something = g.amount != 0 || g.bond != 0;
        address caller = callerSeed % 2 == 0 ? sink : actors[callerSeed % actors.length];
        bool ok;
        vm.startPrank(caller);
        how = how % 8;
        if (how == 0 && caller != job.buyer) {
            try escrow.claim(jobId, payment, 1, "x") {ok = true;} catch {}
        } else if (how == 1 && (caller != job.supplier || g.claim != Tender.ClaimStatus.Filed)) {
            // Only the supplier, and only instead of answering.
            try escrow.agreeClaim(jobId, payment) {ok = true;} catch {}
        } else if (how == 2 && caller != arbitrator) {
            try escrow.ruleClaim(jobId, payment, 10_000, bytes32(0)) {ok = true;} catch {}
        } else if (how == 3 && !(open && block.timestamp >= g.deadline)) {
            try escrow.settleClaim(jobId, payment) {ok = true;} catch {}
        } else if (how == 4 && caller != job.buyer) {
            try escrow.waive(jobId, payment) {ok = true;} catch {}
        } else if (how == 5 && (caller != job.supplier || block.timestamp >= g.endsAt)) {
            try escrow.returnHeld(jobId, payment, 1) {ok = true;} catch {}
        } else if (how == 6 && !(something && !open && block.timestamp >= g.endsAt)) {
            try escrow.release(jobId, payment) {ok = true;} catch {}
        }
        vm.stopPrank();
        if (how == 7 && !(g.claim == Tender.ClaimStatus.None && g.amount != 0 && block.timestamp < g.endsAt)) {
            // The buyer itself, with the fee it would pay, too late, a second time, or with nothing held.
            if (job.token == address(busd) && busd.blocked(job.buyer)) return;
            uint256 fee = ((g.amount + g.bond) * escrow.arbitratorTerms(job.termsId).feeBps + 9_999) / 10_000;
            _mintTo(job.buyer, job.token, fee);
            vm.prank(job.buyer);
            try escrow.claim{value: job.token == ETH ? fee : 0}(jobId, payment, 1, "x") {ok = true;} catch {}
            if (!ok && job.token == ETH) {
                // The refused claim kept its ETH: take back what was dealt for it (a contract that refuses ETH must
                // hold none, invariant 4).
                vm.deal(job.buyer, job.buyer.balance - fee);
                expectedWealth[job.buyer][ETH] -= fee;
            }
        }
        if (ok) ++breaches;
        ++calls["attackWarranty"];
    }

    /// @dev Picks a job and moves it on to settlement where it can: a lowest-price RFQ whose bidding is over is
    /// awarded, an awarded job delivered, a delivered one confirmed.
    function _settleFirst(uint256 jobSeed) internal returns (uint256 jobId, Tender.Job memory job, uint256 payment) {
        (jobId, job) = _pick(jobSeed);
        if (
            job.status == Tender.Status.Open && block.timestamp >= job.deadline && _bidders[jobId].length != 0
                && escrow.rfqOf(jobId).mode == Tender.AwardMode.LowestPrice
        ) {
            uint256 lowest = type(uint256).max;
            for (uint256 i; i < _bidders[jobId].length; ++i) {
                uint256 p = escrow.bidOf(jobId, _bidders[jobId][i]).price;
                if (p < lowest) lowest = p;
            }
            _awardJob(jobId, job, job.buyer, lowest);
            ++calls["award"];
            job = escrow.job(jobId);
        }
        if (job.status == Tender.Status.Awarded && block.timestamp < job.deadline) {
            deliver(jobSeed);
            job = escrow.job(jobId);
        }
        if (job.status == Tender.Status.Delivered && block.timestamp < job.deadline) {
            Part memory p = _partOf(jobId, job);
            vm.prank(job.buyer);
            escrow.confirm(jobId, p.last ? 4 : 0);
            _settled(jobId, job, p);
            ++calls["confirm"];
            job = escrow.job(jobId);
        }
        payment = _lastHeldPayment[jobId]; // the milestone just settled, if it held something
    }

    function _claimOpen(uint256 jobId, uint256 payment) internal view returns (bool) {
        Tender.ClaimStatus c = _ghostHeld[jobId][payment].claim;
        return c == Tender.ClaimStatus.Filed || c == Tender.ClaimStatus.Answered;
    }

    /// @dev Picks a payment that held something.
    function _pickHeld(uint256 seed) internal view returns (uint256 jobId, uint256 payment, Tender.Job memory job) {
        if (heldIds.length == 0) return (0, 0, job);
        uint256 i = seed % heldIds.length;
        jobId = heldIds[i];
        payment = heldPayments[i];
        job = escrow.job(jobId);
    }

    /// @notice The handler's reading of a payment's held share.
    function ghostHeldOf(uint256 jobId, uint256 payment) external view returns (GhostHeld memory) {
        return _ghostHeld[jobId][payment];
    }

    /// @notice How many payments of a job may hold something: a plain job's one; a job in milestones', one per
    /// milestone up to the one in progress (a later one was never paid, so holds nothing: invariant 8 checks it was
    /// never paid).
    function paymentsOf(uint256 jobId) public view returns (uint256) {
        return ghostCount[jobId] == 0 ? 1 : ghostCurrent[jobId] + 1;
    }

    function partCount() external view returns (uint256) {
        return partIds.length;
    }

    function sharesOf(uint256 jobId) external view returns (uint16[8] memory) {
        return _sharesOf[jobId];
    }

    /// @notice What the escrow owes on held shares in `token`, as its own views say: each held share, its held bond
    /// and an open claim's fees (one side filed, both once answered).
    function heldOwed(address token) external view returns (uint256 total) {
        for (uint256 i; i < jobIds.length; ++i) {
            uint256 jobId = jobIds[i];
            if (escrow.job(jobId).token != token) continue;
            for (uint256 k; k < paymentsOf(jobId); ++k) {
                Tender.Held memory h = escrow.heldOf(jobId, k);
                total += uint256(h.amount) + h.bond;
                if (h.claim == Tender.ClaimStatus.Filed) total += escrow.claimOf(jobId, k).fee;
                else if (h.claim == Tender.ClaimStatus.Answered) total += 2 * uint256(escrow.claimOf(jobId, k).fee);
            }
        }
    }

    function heldCount() external view returns (uint256) {
        return heldIds.length;
    }

    /*//////////////////////////////////////////////////////////////
                                 GHOSTS
    //////////////////////////////////////////////////////////////*/

    function jobCount() external view returns (uint256) {
        return jobIds.length;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function tokenCount() external view returns (uint256) {
        return tokens.length;
    }

    /// @notice Everyone whose holdings the books track: the actors, the sink they may withdraw to, the arbitrator.
    function holders() external view returns (address[] memory list) {
        list = new address[](actors.length + 2);
        for (uint256 i; i < actors.length; ++i) list[i] = actors[i];
        list[actors.length] = sink;
        list[actors.length + 1] = arbitrator;
    }

    function _pick(uint256 seed) internal view returns (uint256 jobId, Tender.Job memory job) {
        return _pickFrom(jobIds, seed);
    }

    function _mintTo(address account, address token, uint256 amount) internal {
        if (token == ETH) vm.deal(account, account.balance + amount);
        else MockERC20(token).mint(account, amount);
        expectedWealth[account][token] += amount;
    }

    function _pickFrom(uint256[] storage ids, uint256 seed) internal view returns (uint256 jobId, Tender.Job memory job) {
        if (ids.length == 0) return (0, job);
        jobId = ids[seed % ids.length];
        job = escrow.job(jobId);
    }

    function _pickRfq(uint256 seed) internal view returns (uint256 jobId, Tender.Job memory job) {
        return _pickFrom(rfqIds, seed);
    }

    function _floors(uint16 bondBps) internal pure returns (Tender.Floors memory floors) {
        floors.maxLossShareBps = 10_000;
        floors.maxClawbackShareBps = 10_000;
        floors.bondBps = bondBps;
    }

    function _winnerBond(uint256 jobId, Tender.Job memory job) internal view returns (uint256) {
        return job.flags & Tender.FLAG_DIRECT != 0 ? 0 : escrow.bidOf(jobId, job.supplier).bond;
    }

    /// @dev A decline or a missed deadline: the whole price (a job in milestones: every unsettled milestone) back to
    /// the buyer, with the rest of the winner's bond.
    function _refunded(uint256 jobId, Tender.Job memory job, Part memory p) internal {
        ++payouts[jobId];
        if (p.inParts) ++calls[p.index == 0 ? bytes32("milestoneEndedAtFirst") : bytes32("milestoneEndedLater")];
        expectedWealth[job.buyer][job.token] += job.price - ghostSettled[jobId] + p.bondLeft;
    }

    /// @dev Confirm or finalize: ⌊price × holdback⌋ stays held (with up to as much of the bond, if the RFQ said
    /// so); the rest is paid less the protocol fee, with the rest of the bond.
    /// For a job in milestones, the milestone in progress: its gross and its part of the bond, held as payment i.
    function _settled(uint256 jobId, Tender.Job memory job, Part memory p) internal {
        uint256 paid = p.gross;
        uint256 bond = p.bondPart;
        Tender.Warranty memory w = _warrantyOf[jobId];
        uint256 held = paid * w.holdbackBps / 10_000;
        if (held != 0) {
            uint256 heldBond = w.holdBond ? (bond < held ? bond : held) : 0;
            paid -= held;
            bond -= heldBond;
            GhostHeld storage g = _ghostHeld[jobId][p.index];
            g.amount = held;
            g.bond = heldBond;
            g.endsAt = uint40(block.timestamp + w.warrantyWindow);
            heldIds.push(jobId);
            heldPayments.push(p.index);
            _lastHeldPayment[jobId] = p.index;
            if (heldBond != 0) ++calls["heldBond"];
            if (p.index != 0) ++calls["heldMilestone"];
        }
        uint256 fee = paid * job.protocolFeeBps / 10_000;
        feesEarned[job.token] += fee;
        expectedWealth[job.supplier][job.token] += paid - fee + bond;
        _partPaid(jobId, p, false);
    }

    /// @dev A payment made: a plain job ended; for a job in milestones its milestone is paid (once), and the job
    /// ends with the last (or early) or goes on to the next milestone.
    function _partPaid(uint256 jobId, Part memory p, bool endsEarly) internal {
        if (!p.inParts) {
            ++payouts[jobId];
            return;
        }
        ++partPayouts[jobId][p.index];
        ++calls["milestonePaid"];
        if (p.last || endsEarly) {
            ++payouts[jobId];
            if (p.last) ++calls["milestonesCompleted"];
            return;
        }
        ghostSettled[jobId] += p.gross;
        ghostSettledBps[jobId] += _sharesOf[jobId][p.index];
        ++ghostCurrent[jobId];
    }

    /// @dev The handler's own reading of what the next action on `job` is worth (see {Part}).
    function _partOf(uint256 jobId, Tender.Job memory job) internal view returns (Part memory p) {
        p.bondLeft = _winnerBond(jobId, job);
        if (job.flags & Tender.FLAG_MILESTONES == 0) {
            p.last = true;
            p.gross = job.price;
            p.bondPart = p.bondLeft;
            return p;
        }
        p.inParts = true;
        p.index = ghostCurrent[jobId];
        p.last = p.index + 1 == ghostCount[jobId];
        uint256 share = _sharesOf[jobId][p.index];
        p.gross = p.last ? job.price - ghostSettled[jobId] : uint256(job.price) * share / 10_000;
        p.bondPart = p.last ? p.bondLeft : p.bondLeft * share / (10_000 - ghostSettledBps[jobId]);
    }

    /// @dev A schedule from a seed: 2 to 8 milestones, shares of 1 to 1,250 bps (one in four of them 1 bps) but
    /// the last (the rest), windows of 1 hour to 10 days, the first the job's own.
    function _plan(uint256 seed, uint32 firstWindow) internal pure returns (Tender.Milestone[] memory ms) {
        uint256 count = 2 + (seed >> 8) % 7;
        ms = new Tender.Milestone[](count);
        uint256 total;
        for (uint256 i; i < count; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            uint16 share = i + 1 == count ? uint16(10_000 - total) : (r % 4 == 0 ? 1 : uint16(1 + (r >> 8) % 1_250));
            total += share;
            ms[i] = Tender.Milestone({
                shareBps: share, deliveryWindow: i == 0 ? firstWindow : uint32(bound(r >> 32, MIN_WINDOW, 10 days))
            });
        }
    }

    /// @dev Keeps a posted job's schedule in the handler's books (the same seed gives the same plan).
    function _scheduled(uint256 jobId, uint256 seed) internal {
        Tender.Milestone[] memory ms = _plan(seed, 0);
        ghostCount[jobId] = ms.length;
        for (uint256 i; i < ms.length; ++i) _sharesOf[jobId][i] = ms[i].shareBps;
        partIds.push(jobId);
    }

    /// @dev A held share ends: `fromHeld` of it to the buyer, the rest to the supplier less the protocol fee at the
    /// job's posted rate; `toBuyer`, `toSupplier`, `toArbitrator` are the fees and bond on top.
    function _heldPaidOut(
        uint256 jobId,
        uint256 payment,
        Tender.Job memory job,
        uint256 fromHeld,
        uint256 toBuyer,
        uint256 toSupplier,
        uint256 toArbitrator
    ) internal {
        GhostHeld storage g = _ghostHeld[jobId][payment];
        uint256 gross = g.amount - fromHeld;
        uint256 fee = gross * job.protocolFeeBps / 10_000;
        feesEarned[job.token] += fee;
        expectedWealth[job.buyer][job.token] += fromHeld + toBuyer;
        expectedWealth[job.supplier][job.token] += gross - fee + toSupplier;
        expectedWealth[arbitrator][job.token] += toArbitrator;
        g.amount = 0;
        g.bond = 0;
        if (g.claim != Tender.ClaimStatus.None) g.claim = Tender.ClaimStatus.Ended;
        ++heldPayouts[jobId][payment];
    }

    /// @dev Half the seeds post no holdback; the others one of 1–5,000 bps with a window of 1 hour to 6 days.
    function _warranty(uint16 seed, bool holdBond) internal pure returns (Tender.Warranty memory w) {
        if (seed % 2 == 0) return w;
        w.holdbackBps = uint16(bound(seed, 1, 5_000));
        w.warrantyWindow = uint32(MIN_WINDOW + (seed % 7) * 1 days);
        w.holdBond = holdBond;
    }
}
